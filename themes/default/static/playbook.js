// playbook: small progressive enhancements; the pages work without this file.
(function () {
  "use strict";
  // Opened from disk, a link to "folder/" shows a directory listing instead of the page:
  // point such links at folder/index.html. Served over HTTP, clean URLs stay as they are.
  function fixDiskLinks(root) {
    if (window.location.protocol !== "file:") return;
    root.querySelectorAll("a[href]").forEach(function (link) {
      var href = link.getAttribute("href");
      if (/^[a-z][a-z0-9+.-]*:/i.test(href) || href.charAt(0) === "#") return;
      var parts = href.split("#");
      if (parts[0] === "" ) return;
      if (parts[0].slice(-1) === "/") {
        parts[0] += "index.html";
        link.setAttribute("href", parts.join("#"));
      }
    });
  }
  fixDiskLinks(document);
  window.playbookFixDiskLinks = fixDiskLinks;
})();
