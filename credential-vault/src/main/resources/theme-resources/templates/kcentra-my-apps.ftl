<#import "template.ftl" as layout>
<@layout.registrationLayout displayMessage=false; section>
<!-- template: kcentra-my-apps.ftl -->
    <#if section = "header">
        ${msg("kcentraMyAppsTitle")}
    <#elseif section = "form">
        <div id="kcentra-my-apps">
            <#if kcentraApps?has_content>
                <p>${msg("kcentraMyAppsIntro")}</p>
                <ul class="pf-v5-c-data-list" aria-label="${msg("kcentraMyAppsTitle")}">
                    <#list kcentraApps as app>
                        <li class="pf-v5-c-data-list__item" id="kcentra-app-${app.id}">
                            <div class="pf-v5-c-data-list__item-row">
                                <div class="pf-v5-c-data-list__item-content">
                                    <div class="pf-v5-c-data-list__cell">
                                        <strong>${app.name}</strong>
                                        <#if app.description?has_content><p>${app.description}</p></#if>
                                    </div>
                                    <div class="pf-v5-c-data-list__cell">
                                        <#if app.formLogin>
                                            <form id="kcentra-launch-${app.id}" method="post" action="${kcentraLaunchUrl}">
                                                <input type="hidden" name="app" value="${app.id}">
                                                <input type="hidden" name="csrf" value="${kcentraCsrf}">
                                                <button type="submit" class="pf-v5-c-button pf-m-primary" name="launch"
                                                        aria-label="${msg("kcentraMyAppsLaunchApp", app.name)}">${msg("kcentraMyAppsLaunch")}</button>
                                            </form>
                                        <#else>
                                            <a class="pf-v5-c-button pf-m-secondary" href="${app.url}"
                                               aria-label="${msg("kcentraMyAppsOpenApp", app.name)}">${msg("kcentraMyAppsOpen")}</a>
                                        </#if>
                                    </div>
                                </div>
                            </div>
                        </li>
                    </#list>
                </ul>
            <#else>
                <p id="kcentra-my-apps-empty">${msg("kcentraMyAppsNone")}</p>
            </#if>
        </div>
    </#if>
</@layout.registrationLayout>
