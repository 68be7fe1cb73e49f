<#ftl output_format="plainText">
${msg("kcentraAccountLinkedBody", kcentraLinked, kcentraMaster)}
