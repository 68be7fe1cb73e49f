<#-- A hand-off page: no theme scripts, only its own nonce script, so that its strict CSP holds. -->
<!DOCTYPE html>
<html lang="${kcentraLang}">
<head>
    <meta charset="utf-8">
    <meta name="referrer" content="no-referrer">
    <meta name="robots" content="noindex, nofollow">
    <title>${msg("kcentraLaunchTitle", kcentraAppName)}</title>
</head>
<body>
<!-- template: kcentra-launch.ftl -->
<form id="kcentra-launch" method="post" action="${kcentraTarget}">
    <#list kcentraFields as field>
        <input type="hidden" name="${field.name}" value="${field.value}">
    </#list>
    <p>${msg("kcentraLaunchOpening", kcentraAppName)}</p>
    <noscript><button type="submit">${msg("kcentraLaunchContinue")}</button></noscript>
</form>
<script nonce="${kcentraNonce}">document.getElementById('kcentra-launch').submit();</script>
</body>
</html>
