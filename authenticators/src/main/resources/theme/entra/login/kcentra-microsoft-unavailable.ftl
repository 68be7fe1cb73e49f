<#import "template.ftl" as layout>
<@layout.registrationLayout displayMessage=false; section>
<!-- template: kcentra-microsoft-unavailable.ftl -->
    <#if section = "header">
        ${msg("kcentraMicrosoftUnavailableTitle")}
    <#elseif section = "form">
        <div id="kcentra-microsoft-unavailable" role="alert">
            <p>${msg("kcentraMicrosoftUnavailableMessage")}</p>
            <#if outageMessage?has_content>
                <p id="kcentra-outage-message">${outageMessage}</p>
            </#if>
            <p><a id="kcentra-try-again" href="${url.loginRestartFlowUrl}">${msg("kcentraTryAgain")}</a></p>
        </div>
    </#if>
</@layout.registrationLayout>
