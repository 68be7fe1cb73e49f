<#import "template.ftl" as layout>
<#import "field.ftl" as field>
<#import "buttons.ftl" as buttons>
<@layout.registrationLayout displayMessage=!messagesPerField.existsError('username'); section>
<!-- template: kcentra-identifier.ftl -->
    <#if section = "header">
        ${msg("kcentraIdentifierTitle")}
    <#elseif section = "form">
        <div id="kc-form">
            <div id="kc-form-wrapper">
                <form id="kc-form-login" class="${properties.kcFormClass!}" onsubmit="login.disabled = true; return true;"
                      action="${url.loginAction}" method="post" novalidate>
                    <@field.input name="username" label=msg("kcentraIdentifierLabel") value=(identifier!'')
                                  autofocus=true autocomplete="username" />
                    <p class="${properties.kcFormHelperTextClass!}" id="kcentra-identifier-help">${msg("kcentraIdentifierHelp")}</p>
                    <@buttons.actionGroup>
                        <@buttons.button id="kc-login" name="login" label="kcentraContinue" />
                    </@buttons.actionGroup>
                </form>
            </div>
        </div>
    </#if>
</@layout.registrationLayout>
