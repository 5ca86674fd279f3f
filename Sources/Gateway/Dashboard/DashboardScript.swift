import Crypto

/// The dashboard's only script, served as a file (`script-src 'self'`): copy buttons, and filling the one-time
/// sign-in code from the link's fragment. Every page works without it; the script only saves typing.
///
/// The code travels in the URL's fragment, which browsers never send to a server, so it reaches no request line,
/// proxy log or `Referer`; the script moves it into the form and removes it from the address bar.
enum DashboardScript {
    static let source = #"""
        "use strict";
        (function () {
          function announce(text) {
            var status = document.getElementById("copy-status");
            if (status) { status.textContent = text; }
          }

          function copyFrom(field, button) {
            var label = button.querySelector("span");
            var done = function () {
              if (label) { label.textContent = "Copied"; }
              button.classList.add("is-copied");
              announce("Copied " + (field.labels && field.labels[0] ? field.labels[0].textContent : "value"));
              window.setTimeout(function () {
                if (label) { label.textContent = "Copy"; }
                button.classList.remove("is-copied");
              }, 2000);
            };
            var fallback = function () {
              field.focus();
              field.select();
              try { document.execCommand("copy"); done(); } catch (error) { announce("Select the value and copy it"); }
            };
            if (navigator.clipboard && window.isSecureContext) {
              navigator.clipboard.writeText(field.value).then(done, fallback);
            } else {
              fallback();
            }
          }

          function start() {
            var buttons = document.querySelectorAll("button[data-copy]");
            Array.prototype.forEach.call(buttons, function (button) {
              var field = document.getElementById(button.getAttribute("data-copy"));
              if (!field) { return; }
              button.hidden = false;
              button.addEventListener("click", function () { copyFrom(field, button); });
            });

            var code = document.getElementById("sign-in-code");
            var match = /^#code=([A-Za-z0-9_\-]+)$/.exec(window.location.hash);
            if (code && match) {
              code.value = match[1];
              window.history.replaceState(null, "", window.location.pathname);
              var submit = code.form && code.form.querySelector("button[type=submit]");
              if (submit) { submit.focus(); }
            }
          }

          if (document.readyState === "loading") {
            document.addEventListener("DOMContentLoaded", start);
          } else {
            start();
          }
        })();

        """#

    static let bytes = Array(source.utf8)

    /// A strong validator of the file's bytes (RFC 9110 §8.8.3).
    static let etag = "\"" + Encoding.hex(Array(Digest.sha256(bytes).prefix(12))) + "\""
}
