<#import "template.ftl" as layout>
<@layout.emailLayout>
${kcSanitize(msg("kcentraAccountUnlinkedBodyHtml", kcentraLinked, kcentraMaster))?no_esc}
</@layout.emailLayout>
