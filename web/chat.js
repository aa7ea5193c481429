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
})();
