/* The referral desk's neighbourhood picker: type a name people use ("Schilderswijk",
   "Zuidwest", "Escamp") and the list keeps the neighbourhoods whose name or aliases
   contain it; one match is chosen.  Without JavaScript the grouped list still works. */
(function () {
  "use strict";
  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }
  document.querySelectorAll("input[data-filters]").forEach(function (input) {
    var select = document.getElementById(input.getAttribute("data-filters"));
    if (!select) { return; }
    var finder = input.closest(".finder");
    if (finder) { finder.hidden = false; }
    input.addEventListener("input", function () {
      var query = fold(input.value.trim());
      var matches = [];
      Array.prototype.forEach.call(select.options, function (option) {
        var keep = !query || !option.value || fold(option.text).indexOf(query) !== -1;
        option.hidden = !keep;
        if (keep && option.value) { matches.push(option); }
      });
      Array.prototype.forEach.call(select.querySelectorAll("optgroup"), function (group) {
        group.hidden = !Array.prototype.some.call(group.children, function (o) { return !o.hidden; });
      });
      if (query && matches.length === 1) { select.value = matches[0].value; }
    });
  });
})();
