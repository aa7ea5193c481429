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
      // Replies arriving while the chat is closed would show as a tooltip inside the launcher button: a button
      // within a button, unreachable by keyboard and unnamed. They wait in the chat instead.
      disableTooltips: true,
    },
    document.getElementById("webchat")
  );
  keepNewAnswersReadableFromTheTop();
  makeAccessible();

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
  // rasa-webchat 1.0.1 renders unnamed icon buttons, quick replies as plain <div>s (no role, no Tab stop, no
  // Enter), its title as an <h4> under the page's <h1>, and nothing a screen reader announces when the bot
  // answers. It has no props for any of that, so this one post-render pass patches its markup after each render
  // (docs/accessibility.md; tests/e2e/test_accessibility.py). Written against exactly this version: the test
  // checks WEBCHAT_VERSION against web/package-lock.json, so an upgrade forces a second look.

  function makeAccessible() {
    var WEBCHAT_VERSION = "1.0.1";
    var root = document.getElementById("webchat");
    var announcer = document.getElementById("chat-announcer");
    var seen = new WeakSet();  // bot bubbles already in the chat (announced, or history when the pane appeared)
    var pane = null;           // the messages pane now on screen (a new element each time the chat opens)
    var input = "";            // the last input: "keyboard", "mouse", "touch" or "pen"
    var fieldWanted = 0;       // until when (Date.now()) focus belongs in the message field, once it can take it
    // A focus request holds for a few seconds and is re-checked on timers, not only on mutations: focus() does
    // nothing while the opening chat is not yet shown, and the widget may finish rendering with no mutation left
    // for the observer to see (the keyboard test once found focus left on the launcher). Tab or a pointer ends it.
    var FIELD_WAIT_MS = 5000;
    function wantField() {
      fieldWanted = Date.now() + FIELD_WAIT_MS;
      [50, 150, 300, 600, 1000, 2000, 3000, FIELD_WAIT_MS].forEach(function (ms) { setTimeout(patch, ms); });
    }
    function focusFieldIfWanted(open) {
      if (fieldWanted && Date.now() > fieldWanted) fieldWanted = 0;
      var target = field(), active = document.activeElement;
      if (!fieldWanted || !open || !target || target.disabled || active === target) return;
      if (lost(active) || root.contains(active)) target.focus();
    }
    root.setAttribute("data-webchat-version", WEBCHAT_VERSION);

    function set(el, name, value) {
      if (el && el.getAttribute(name) !== value) el.setAttribute(name, value);
    }
    function field() {
      return root.querySelector("textarea.rw-new-message");
    }
    function isOpen() {
      return !!root.querySelector(".rw-conversation-container");
    }
    function bubbleText(message) {
      var text = message.querySelector(".rw-response .rw-message-text");
      if (text) return text.innerText.trim();
      var image = message.querySelector("img.rw-image-frame");
      return image ? "Picture: " + image.alt : "";
    }

    // A chart (actions/answers/charts.py, docs/charts.md) is an SVG data: URI whose <title> states its figures.
    function chartText(img) {
      var svg = "data:image/svg+xml;base64,", src = img.getAttribute("src") || "";
      if (src.indexOf(svg) !== 0) return "";
      try {
        var doc = new DOMParser().parseFromString(atob(src.slice(svg.length)), "image/svg+xml");
        var title = doc.querySelector("title");
        return title ? title.textContent.trim() : "";
      } catch (error) {
        return "";
      }
    }

    function patch() {
      var open = isOpen();
      var launcher = root.querySelector("button.rw-launcher");
      set(launcher, "aria-label", open ? "Close the chat" : "Open the chat with careerbot");
      set(launcher, "aria-expanded", String(open));
      set(root.querySelector(".rw-close-button"), "aria-label", "Close the chat");
      set(root.querySelector("button.rw-send"), "aria-label", "Send");
      root.querySelectorAll("button svg").forEach(function (svg) {
        set(svg, "aria-hidden", "true");
        set(svg, "focusable", "false");
      });
      set(field(), "aria-label", "Message to careerbot");
      // The page's h1 is the only heading above: the widget's title is a level-2 heading, the sub-headings of
      // the answers (markdown "####", rendered as <h4>) level 3.
      var title = root.querySelector(".rw-header .rw-title");
      set(title, "role", "heading");
      set(title, "aria-level", "2");
      root.querySelectorAll(".rw-message-text h1, .rw-message-text h2, .rw-message-text h3, " +
        ".rw-message-text h4, .rw-message-text h5, .rw-message-text h6").forEach(function (heading) {
        set(heading, "role", "heading");
        set(heading, "aria-level", "3");
      });
      root.querySelectorAll("div.rw-reply").forEach(function (reply) {
        set(reply, "role", "button");
        set(reply, "tabindex", "0");
      });
      root.querySelectorAll(".rw-replies").forEach(function (group) {
        set(group, "role", "group");
        set(group, "aria-label", "Quick replies");
      });
      root.querySelectorAll(".rw-typing-indication").forEach(function (typing) {
        set(typing, "aria-hidden", "true");
      });
      // Pictures (charts) say what they show: a chart's own figures, else the title the bot gave, else a fallback.
      root.querySelectorAll("img:not([alt])").forEach(function (img) {
        var frame = img.closest(".image");
        var caption = frame && frame.querySelector(".rw-image-title");
        img.setAttribute("alt", chartText(img) || (caption && caption.textContent.trim()) || "Picture sent by careerbot");
      });
      var current = document.getElementById("rw-messages");
      if (current) {
        // A Tab stop, so a long answer can be scrolled with the arrow keys.
        set(current, "tabindex", "0");
        set(current, "role", "region");
        set(current, "aria-label", "Conversation");
      }
      announceNewReplies(current);
      focusFieldIfWanted(open);
    }

    // Each new bot message goes once into the polite live region #chat-announcer (index.html); the messages on
    // screen when the pane appears (the history after a reload, or when the chat is opened again) are not read
    // out again. The announcement is the bubble's own text, its line breaks kept (chat.css: pre-line).
    function announceNewReplies(current) {
      if (!current) {
        pane = null;
        return;
      }
      var fresh = current !== pane;
      pane = current;
      var said = false;
      current.querySelectorAll(".rw-message").forEach(function (message) {
        if (seen.has(message) || message.classList.contains("rw-typing-indication")) return;
        if (message.querySelector(".rw-client") || message.closest(".rw-from-client")) return;  // the person's own
        var text = bubbleText(message);
        if (!text) return;  // not rendered yet
        seen.add(message);
        if (fresh) return;
        var line = document.createElement("p");
        line.textContent = text;
        announcer.appendChild(line);
        said = true;
      });
      if (said && keepsFocus() && isOpen() && lost(document.activeElement)) wantField();
    }
    // Keyboard and mouse users go on typing in the field; on a touch screen focusing it would pop the keyboard
    // up over the answer.
    function keepsFocus() {
      return input === "keyboard" || input === "mouse";
    }
    function lost(active) {
      return !active || active === document.body || !active.isConnected;
    }

    document.addEventListener("keydown", function (event) {
      input = "keyboard";
      if (event.key === "Tab") fieldWanted = 0;  // the person moves focus themselves
      var target = event.target;
      if (event.key === "Escape" && isOpen() && (root.contains(target) || target === document.body)) {
        var close = root.querySelector(".rw-close-button") || root.querySelector("button.rw-launcher");
        close.click();
        // Back to the launcher that opened it, once the widget has re-rendered.
        setTimeout(function () {
          var launcher = root.querySelector("button.rw-launcher");
          if (launcher) launcher.focus();
        }, 0);
        event.preventDefault();
        return;
      }
      var reply = target.closest && target.closest("div.rw-reply");
      if (reply && root.contains(reply) && (event.key === "Enter" || event.key === " ")) {
        event.preventDefault();
        wantField();
        reply.click();
      }
    }, true);
    document.addEventListener("pointerdown", function (event) {
      input = event.pointerType || "mouse";
      fieldWanted = 0;  // a click chooses where focus goes (a click on the launcher or a reply asks again below)
    }, true);
    // Opening the chat or choosing a quick reply leads to the message field (the widget's autofocus misses it
    // while the field waits, disabled, for the connection; a chosen quick reply disappears with its focus).
    root.addEventListener("click", function (event) {
      var launcher = event.target.closest && event.target.closest("button.rw-launcher");
      var reply = event.target.closest && event.target.closest("div.rw-reply");
      if (((launcher && !isOpen()) || reply) && keepsFocus()) wantField();
    }, true);
    // Enter or Space on the launcher may open the chat before (or without) a click event reaching us.
    root.addEventListener("keydown", function (event) {
      var launcher = event.target.closest && event.target.closest("button.rw-launcher");
      if (launcher && !isOpen() && (event.key === "Enter" || event.key === " ")) wantField();
    }, true);

    new MutationObserver(patch).observe(root, {
      childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: ["disabled"],
    });
    patch();
  }
})();
