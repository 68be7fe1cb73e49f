<#import "template.ftl" as layout>
<@layout.emailLayout>
<#if signInWithMicrosoft>
${kcSanitize(msg("kcentraInvitationMicrosoftBodyHtml", link, realmName))?no_esc}
<#else>
${kcSanitize(msg("kcentraInvitationPasswordBodyHtml", link, realmName, linkExpirationDays))?no_esc}
</#if>
</@layout.emailLayout>
