<#import "template.ftl" as layout>
<@layout.emailLayout>
${kcSanitize(msg("kcentraAccountLinkedBodyHtml", kcentraLinked, kcentraMaster))?no_esc}
</@layout.emailLayout>
