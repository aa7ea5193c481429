// Mounts the rasa-webchat 1.0.1 widget (window.WebChat from /vendor/rasa-webchat.js) on #webchat.
(function () {
  "use strict";
  var status = document.getElementById("status");
  var config = window.CAREERBOT_CONFIG;
  if (!config || !window.WebChat || typeof window.WebChat.default !== "function") {
    status.textContent = "The chat widget could not be loaded. Start the page with `make serve` " +
      "(it installs nothing by itself: run `cd web && npm ci` once).";
    return;
  }
  window.WebChat.default(
    {
      socketUrl: config.socketUrl,
      socketPath: config.socketPath,
      // Rasa's socket.io channel answers the first message with the greeting and its quick replies.
      // Never null: Rasa 3.6 fails on None.strip() when the widget sends an empty init message.
      initPayload: "/greet",
      customData: { language: "en" },
      title: "careerbot",
      subtitle: "AI vs ML engineer roles, skills, learning paths, salaries",
      inputTextFieldHint: "Ask about AI or ML engineer careers…",
      connectingText: "Connecting to careerbot…",
      hideWhenNotConnected: false,
      showMessageDate: false,
      // Keep the conversation when the page is reloaded (until the tab is closed); the same session_id is
      // sent back to Rasa, which has session_persistence: true in credentials.yml.
      params: { storage: "session" },
      // Show each bot message almost at once (the default waits up to 3 s per message).
      customMessageDelay: function () { return 150; },
      // Botfront-only "rules" feature: off, so the widget does not wait for Botfront's props.
      withRules: false,
    },
    document.getElementById("webchat")
  );
  keepNewAnswersReadableFromTheTop();

  // rasa-webchat scrolls its pane to the bottom on every update, so a long answer would be read from its last
  // lines. When the bot's reply to the latest message does not fit in the pane, show it from its first line
  // instead; once the person scrolls, they are in charge until the next reply.
  function keepNewAnswersReadableFromTheTop() {
    var MARGIN = 8;
    var anchor = null;
    var personScrolled = false;

    function firstReplyOfTurn(pane) {
      var messages = pane.querySelectorAll(".rw-message");
      var first = null;
      for (var i = messages.length - 1; i >= 0; i--) {
        if (messages[i].querySelector(".rw-client")) break;
        if (messages[i].querySelector(".rw-response, .image") && !messages[i].classList.contains("rw-typing-indication")) {
          first = messages[i];
        }
      }
      return first;
    }

    function align() {
      var pane = document.getElementById("rw-messages");
      if (!pane) return;
      var first = firstReplyOfTurn(pane);
      if (first !== anchor) {
        anchor = first;
        personScrolled = false;
      }
      if (!anchor || personScrolled) return;
      var top = anchor.getBoundingClientRect().top - pane.getBoundingClientRect().top + pane.scrollTop - MARGIN;
      if (pane.scrollHeight - top > pane.clientHeight && Math.abs(pane.scrollTop - top) > 1) pane.scrollTop = top;
    }

    function personTakesOver(event) {
      if (event.target.closest && event.target.closest("#rw-messages")) personScrolled = true;
    }
    ["wheel", "touchmove", "mousedown", "keydown"].forEach(function (type) {
      document.addEventListener(type, personTakesOver, { capture: true, passive: true });
    });
    // The widget's own scroll-to-bottom runs in React's update; these run right after it.
    new MutationObserver(align).observe(document.getElementById("webchat"), {
      childList: true, subtree: true, characterData: true,
    });
    document.addEventListener("scroll", function (event) {
      if (event.target.id === "rw-messages") align();
    }, true);
  }
})();

// Charts (actions/answers/charts.py) come as SVG data: URIs whose <title> states their numbers; rasa-webchat
// renders images without alt text, so each chart's <img> gets its <title> as alt (docs/charts.md).
(function () {
  "use strict";
  var SVG = "data:image/svg+xml;base64,";
  var root = document.getElementById("webchat");
  if (!root || !window.MutationObserver) return;
  new MutationObserver(function () {
    root.querySelectorAll('img[src^="' + SVG + '"]:not([alt])').forEach(function (img) {
      var doc = new DOMParser().parseFromString(atob(img.getAttribute("src").slice(SVG.length)), "image/svg+xml");
      var title = doc.querySelector("title");
      img.setAttribute("alt", title ? title.textContent : "Chart");
    });
  }).observe(root, { childList: true, subtree: true });
})();
