// Small progressive enhancements; every page works without them.
document.addEventListener("DOMContentLoaded", function () {
  // Move focus to the error summary so that screen readers announce it first.
  var summary = document.querySelector("[data-error-summary]");
  if (summary) { summary.focus(); }
  watchSession();
});

// Warn two minutes before the idle timeout; "Angemeldet bleiben" renews the session without leaving
// the page, so nothing typed is lost. After expiry, go to the sign-in page, which returns here.
function watchSession() {
  var body = document.body;
  var seconds = parseInt(body.getAttribute("data-session-seconds"), 10);
  var dialog = document.getElementById("session-dialog");
  if (!seconds || !dialog || typeof dialog.showModal !== "function") { return; }
  var warnAfter = Math.max(seconds - 120, 1) * 1000;
  var warnTimer, endTimer;
  function start() {
    clearTimeout(warnTimer); clearTimeout(endTimer);
    warnTimer = setTimeout(function () { if (!dialog.open) { dialog.showModal(); } }, warnAfter);
    endTimer = setTimeout(function () {
      window.location.href = body.getAttribute("data-login-url") + "?next=" +
        encodeURIComponent(window.location.pathname + window.location.search);
    }, seconds * 1000);
  }
  dialog.querySelector("[data-keep-alive]").addEventListener("submit", function (event) {
    event.preventDefault();
    var form = event.target;
    fetch(form.action, { method: "POST", body: new FormData(form), credentials: "same-origin" })
      .then(function (response) { if (response.ok) { dialog.close(); start(); } });
  });
  start();
}
