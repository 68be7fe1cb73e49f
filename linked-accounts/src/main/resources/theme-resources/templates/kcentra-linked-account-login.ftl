<#import "template.ftl" as layout>
<@layout.registrationLayout displayMessage=true displayInfo=false; section>
<!-- template: kcentra-linked-account-login.ftl -->
    <#if section = "header">
        ${msg("kcentraLinkedAuthTitle")}
    <#elseif section = "form">
        <p>${msg("kcentraLinkedAuthIntro")}</p>
        <form id="kc-linked-account-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post">
            <div class="${properties.kcFormGroupClass!}">
                <label for="username" class="${properties.kcLabelClass!}">${msg("kcentraLinkedAuthUsername")}</label>
                <input type="text" id="username" name="username" autocomplete="off" autofocus class="${properties.kcInputClass!}">
            </div>
            <div class="${properties.kcFormGroupClass!}">
                <label for="password" class="${properties.kcLabelClass!}">${msg("password")}</label>
                <input type="password" id="password" name="password" autocomplete="off" class="${properties.kcInputClass!}">
            </div>
            <div class="${properties.kcFormGroupClass!}">
                <input class="${properties.kcButtonClass!} ${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!} ${properties.kcButtonLargeClass!}"
                       type="submit" name="login" value="${msg("doContinue")}">
            </div>
        </form>
    </#if>
</@layout.registrationLayout>
