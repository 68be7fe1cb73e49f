<#import "template.ftl" as layout>
<@layout.registrationLayout displayMessage=true displayInfo=false; section>
<!-- template: kcentra-link-account.ftl -->
    <#if section = "header">
        ${msg("kcentraLinksLinkTitle")}
    <#elseif section = "form">
        <p>${msg("kcentraLinksLinkIntro")}</p>
        <form id="kcentra-link-account-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post">
            <div class="${properties.kcFormGroupClass!}">
                <label for="username" class="${properties.kcLabelClass!}">${msg("usernameOrEmail")}</label>
                <input type="text" id="username" name="username" autocomplete="off" autofocus class="${properties.kcInputClass!}">
            </div>
            <div class="${properties.kcFormGroupClass!}">
                <label for="password" class="${properties.kcLabelClass!}">${msg("password")}</label>
                <input type="password" id="password" name="password" autocomplete="off" class="${properties.kcInputClass!}">
            </div>
            <div class="${properties.kcFormGroupClass!}">
                <button type="submit" class="${properties.kcButtonClass!} ${properties.kcButtonPrimaryClass!} ${properties.kcButtonLargeClass!}">${msg("kcentraLinksLink")}</button>
                <#if isAppInitiatedAction??>
                    <button type="submit" name="cancel-aia" value="true" formnovalidate
                            class="${properties.kcButtonClass!} ${properties.kcButtonDefaultClass!} ${properties.kcButtonLargeClass!}">${msg("doCancel")}</button>
                </#if>
            </div>
        </form>
    </#if>
</@layout.registrationLayout>
