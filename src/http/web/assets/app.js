// whosaid: small enhancements; every page works without this file.
(function () {
  "use strict";

  // Copy a statement's citation to the clipboard.
  document.querySelectorAll("details.cite").forEach(function (details) {
    var text = details.querySelector("p");
    if (!text || !navigator.clipboard) return;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "quiet";
    button.textContent = "Copy citation";
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(text.textContent.trim()).then(function () {
        button.textContent = "Copied";
        setTimeout(function () { button.textContent = "Copy citation"; }, 1500);
      });
    });
    details.parentNode.insertBefore(button, details);
  });

  // While typing a question, offer the people whose names start with the last word.
  var box = document.getElementById("question");
  var live = document.getElementById("live-people");
  if (!box || !live) return;
  var timer = null;
  box.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () {
      var words = box.value.trim().split(/\s+/);
      var last = words[words.length - 1] || "";
      if (last.length < 3) { live.replaceChildren(); return; }
      fetch("/v1/people?limit=5&q=" + encodeURIComponent(last))
        .then(function (r) { return r.ok ? r.json() : { people: [] }; })
        .then(function (page) {
          live.replaceChildren.apply(live, (page.people || []).map(function (p) {
            var li = document.createElement("li");
            var a = document.createElement("a");
            a.href = "/people/" + p.id;
            a.textContent = p.name + " (" + p.statement_count + ")";
            li.appendChild(a);
            return li;
          }));
        })
        .catch(function () {});
    }, 200);
  });
})();
