<#import "template.ftl" as layout>
<@layout.emailLayout>
${kcSanitize(msg("kcentraLinkedAccountUsedBodyHtml", kcentraLinked, kcentraMaster, kcentraAddress))?no_esc}
</@layout.emailLayout>
