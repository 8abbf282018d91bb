// GOV.UK Frontend styles its JavaScript-enhanced components only when these classes are
// present; kept in a file because the content security policy allows no inline script.
document.body.className += " js-enabled" + ("noModule" in HTMLScriptElement.prototype ? " govuk-frontend-supported" : "");
