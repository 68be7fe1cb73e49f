<#import "template.ftl" as layout>
<@layout.registrationLayout displayMessage=false; section>
<!-- template: kcentra-unlink-account.ftl -->
    <#if section = "header">
        ${msg("kcentraLinksUnlinkTitle")}
    <#elseif section = "form">
        <p id="kcentra-unlink-question">${msg("kcentraLinksUnlinkQuestion", kcentraLinkedUsername)}</p>
        <form id="kcentra-unlink-confirm" method="post" action="${kcentraLinksUrl}unlink">
            <input type="hidden" name="csrf" value="${kcentraCsrf}">
            <input type="hidden" name="link" value="${kcentraLink}">
            <input type="hidden" name="confirmed" value="true">
            <button type="submit" class="pf-v5-c-button pf-m-danger">${msg("kcentraLinksUnlinkYes")}</button>
            <a class="pf-v5-c-button pf-m-link" href="${kcentraLinksUrl}">${msg("doCancel")}</a>
        </form>
    </#if>
</@layout.registrationLayout>
