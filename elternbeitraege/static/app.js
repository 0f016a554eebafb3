// Small progressive enhancements; every page works without them.
document.addEventListener("DOMContentLoaded", function () {
  // Move focus to the error summary so that screen readers announce it first.
  var summary = document.querySelector("[data-error-summary]");
  if (summary) { summary.focus(); }
  watchSession();
  previewLetterhead();
  takeAccessCode();
});

// The QR code of the invitation letter opens /erklaerung/zugang#code=K7QF-M2XP-9RTA. The part after "#" never
// reaches a server, so the code stays out of every log. It goes on with "Jetzt beginnen" to the registration
// form, which it fills in, and leaves the address bar. Without JavaScript parents type the code from the letter.
function takeAccessCode() {
  var match = /^#code=([A-Za-z0-9-]{1,40})$/.exec(window.location.hash);
  if (!match) { return; }
  var code = match[1];
  document.querySelectorAll("a[data-carries-code]").forEach(function (link) {
    link.setAttribute("href", link.getAttribute("href") + "#code=" + code);
  });
  var field = document.querySelector("input[name=code]");
  if (field && !field.value) { field.value = code; }
  if (window.history && window.history.replaceState) {
    window.history.replaceState(null, "", window.location.pathname + window.location.search);
  }
}

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

// The letterhead page: the preview beside the form follows what the administrator types, as plain text
// (textContent only). Without JavaScript it shows the values last sent.
function previewLetterhead() {
  var form = document.querySelector("[data-letterhead-form]");
  var sheet = document.querySelector("[data-letterhead-preview]");
  if (!form || !sheet) { return; }
  var targets = {};
  sheet.querySelectorAll("[data-preview]").forEach(function (target) {
    var name = target.getAttribute("data-preview");
    (targets[name] = targets[name] || []).push(target);
  });
  form.addEventListener("input", function (event) {
    var field = event.target;
    if (!Object.prototype.hasOwnProperty.call(targets, field.name)) { return; }
    targets[field.name].forEach(function (target) { target.textContent = field.value; });
  });
  previewLogo(form, sheet);
}

// A chosen PNG or JPEG shows in the preview (read as a data: URL, which the page's policy allows for
// images); "Logo entfernen" hides it. The server checks the file again when the form is sent.
function previewLogo(form, sheet) {
  var input = form.elements.namedItem("logo");
  var remove = form.elements.namedItem("remove_logo");
  var head = sheet.querySelector("[data-preview-head]");
  var image = sheet.querySelector("[data-preview-logo]");
  if (!input || !head) { return; }
  input.addEventListener("change", function () {
    var file = input.files && input.files[0];
    if (!file || ["image/png", "image/jpeg"].indexOf(file.type) < 0 || file.size > 512 * 1024) { return; }
    var reader = new FileReader();
    reader.onload = function () {
      if (!image) {
        image = document.createElement("img");
        image.className = "letter-preview__logo";
        image.alt = "Logo im Briefkopf";
        image.setAttribute("data-preview-logo", "");
        head.insertBefore(image, head.firstChild);
      }
      image.src = reader.result;
      image.hidden = Boolean(remove && remove.checked);
    };
    reader.readAsDataURL(file);
  });
  if (remove) {
    remove.addEventListener("change", function () { if (image) { image.hidden = remove.checked; } });
  }
}
