<#ftl output_format="plainText">
<#if signInWithMicrosoft>
${msg("kcentraInvitationMicrosoftBody", link, realmName)}
<#else>
${msg("kcentraInvitationPasswordBody", link, realmName, linkExpirationDays)}
</#if>
