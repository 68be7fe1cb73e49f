<#ftl output_format="plainText">
${msg("kcentraLinkedAccountUsedBody", kcentraLinked, kcentraMaster, kcentraAddress)}
