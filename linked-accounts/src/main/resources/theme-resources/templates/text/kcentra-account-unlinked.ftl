<#ftl output_format="plainText">
${msg("kcentraAccountUnlinkedBody", kcentraLinked, kcentraMaster)}
