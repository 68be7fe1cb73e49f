<#import "template.ftl" as layout>
<@layout.registrationLayout displayMessage=true; section>
<!-- template: kcentra-linked-accounts.ftl -->
    <#if section = "header">
        ${msg("kcentraLinksTitle")}
    <#elseif section = "form">
        <div id="kcentra-linked-accounts">
            <p>${msg("kcentraLinksIntro")}</p>
            <h2 class="pf-v5-c-title pf-m-lg">${msg("kcentraLinksListTitle")}</h2>
            <#if kcentraLinks?has_content>
                <ul class="pf-v5-c-data-list" aria-label="${msg("kcentraLinksListTitle")}">
                    <#list kcentraLinks as link>
                        <li class="pf-v5-c-data-list__item" id="kcentra-link-${link.id}">
                            <div class="pf-v5-c-data-list__item-row">
                                <div class="pf-v5-c-data-list__item-content">
                                    <div class="pf-v5-c-data-list__cell">
                                        <strong class="kcentra-link-username">${link.username}</strong>
                                        <p>${msg("kcentraLinksStore", link.store!msg("kcentraLinksStoreLocal"))} · ${msg("kcentraLinksLinkedAt", link.linkedAt)}</p>
                                        <p class="kcentra-link-auth">
                                            <#if link.allowAuthentication>${msg("kcentraLinksAuthOn")}<#else>${msg("kcentraLinksAuthOff")}</#if>
                                            <#if link.lockedOut> · <span class="kcentra-link-locked">${msg("kcentraLinksLocked")}</span></#if>
                                        </p>
                                    </div>
                                </div>
                            </div>
                            <div class="pf-v5-c-data-list__item-row">
                                <form id="kcentra-allow-${link.id}" method="post" action="${kcentraLinksUrl}allow-authentication">
                                    <input type="hidden" name="csrf" value="${kcentraCsrf}">
                                    <input type="hidden" name="link" value="${link.id}">
                                    <input type="hidden" name="enabled" value="${(!link.allowAuthentication)?c}">
                                    <button type="submit" class="pf-v5-c-button pf-m-secondary"
                                            aria-label="<#if link.allowAuthentication>${msg("kcentraLinksDenyAuthFor", link.username)}<#else>${msg("kcentraLinksAllowAuthFor", link.username)}</#if>">
                                        <#if link.allowAuthentication>${msg("kcentraLinksDenyAuth")}<#else>${msg("kcentraLinksAllowAuth")}</#if>
                                    </button>
                                </form>
                                <#if link.lockedOut>
                                    <form id="kcentra-unlock-${link.id}" method="post" action="${kcentraLinksUrl}unlock">
                                        <input type="hidden" name="csrf" value="${kcentraCsrf}">
                                        <input type="hidden" name="link" value="${link.id}">
                                        <button type="submit" class="pf-v5-c-button pf-m-secondary"
                                                aria-label="${msg("kcentraLinksUnlockFor", link.username)}">${msg("kcentraLinksUnlock")}</button>
                                    </form>
                                </#if>
                                <form id="kcentra-unlink-${link.id}" method="post" action="${kcentraLinksUrl}unlink">
                                    <input type="hidden" name="csrf" value="${kcentraCsrf}">
                                    <input type="hidden" name="link" value="${link.id}">
                                    <button type="submit" class="pf-v5-c-button pf-m-danger"
                                            aria-label="${msg("kcentraLinksUnlinkFor", link.username)}">${msg("kcentraLinksUnlink")}</button>
                                </form>
                            </div>
                            <details class="pf-v5-c-data-list__item-row">
                                <summary>${msg("kcentraLinksSetPasswordFor", link.username)}</summary>
                                <form id="kcentra-password-${link.id}" method="post" action="${kcentraLinksUrl}password" class="${properties.kcFormClass!}">
                                    <input type="hidden" name="csrf" value="${kcentraCsrf}">
                                    <input type="hidden" name="link" value="${link.id}">
                                    <div class="${properties.kcFormGroupClass!}">
                                        <label for="password-new-${link.id}" class="${properties.kcLabelClass!}">${msg("passwordNew")}</label>
                                        <input type="password" id="password-new-${link.id}" name="password-new" autocomplete="new-password" class="${properties.kcInputClass!}">
                                    </div>
                                    <div class="${properties.kcFormGroupClass!}">
                                        <label for="password-confirm-${link.id}" class="${properties.kcLabelClass!}">${msg("passwordConfirm")}</label>
                                        <input type="password" id="password-confirm-${link.id}" name="password-confirm" autocomplete="new-password" class="${properties.kcInputClass!}">
                                    </div>
                                    <button type="submit" class="pf-v5-c-button pf-m-secondary">${msg("kcentraLinksSetPassword")}</button>
                                </form>
                            </details>
                        </li>
                    </#list>
                </ul>
            <#else>
                <p id="kcentra-links-empty">${msg("kcentraLinksNone")}</p>
            </#if>

            <h2 class="pf-v5-c-title pf-m-lg">${msg("kcentraLinksLinkTitle")}</h2>
            <p>${msg("kcentraLinksLinkIntro")}</p>
            <form id="kcentra-link-form" method="post" action="${kcentraLinksUrl}link" class="${properties.kcFormClass!}">
                <input type="hidden" name="csrf" value="${kcentraCsrf}">
                <div class="${properties.kcFormGroupClass!}">
                    <label for="kcentra-link-username" class="${properties.kcLabelClass!}">${msg("usernameOrEmail")}</label>
                    <input type="text" id="kcentra-link-username" name="username" autocomplete="off" class="${properties.kcInputClass!}">
                </div>
                <div class="${properties.kcFormGroupClass!}">
                    <label for="kcentra-link-password" class="${properties.kcLabelClass!}">${msg("password")}</label>
                    <input type="password" id="kcentra-link-password" name="password" autocomplete="off" class="${properties.kcInputClass!}">
                </div>
                <button type="submit" class="pf-v5-c-button pf-m-primary">${msg("kcentraLinksLink")}</button>
            </form>
            <#if kcentraProviders?has_content>
                <p>${msg("kcentraLinksProvidersIntro")}</p>
                <#list kcentraProviders as provider>
                    <form id="kcentra-link-provider-${provider.alias}" method="post" action="${kcentraLinksUrl}link-provider">
                        <input type="hidden" name="csrf" value="${kcentraCsrf}">
                        <input type="hidden" name="provider" value="${provider.alias}">
                        <button type="submit" class="pf-v5-c-button pf-m-secondary">${msg("kcentraLinksLinkWith", provider.name)}</button>
                    </form>
                </#list>
            </#if>
        </div>
    </#if>
</@layout.registrationLayout>
