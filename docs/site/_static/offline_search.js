// 파일(file://)로 연 사이트에서 검색 결과의 요약 글: 브라우저가 다른 쪽을 fetch 로 읽지 못하므로
// 빌드할 때 담아 둔 쪽마다의 글(page_texts.js)로 대신 답합니다. 웹 서버에서는 원래대로.
(function () {
  if (location.protocol !== "file:" || !window.MGK_PAGE_TEXTS) return;
  var original = window.fetch;
  var root = new URL(".", location.href).href;
  window.fetch = function (resource, options) {
    var url = new URL(String(resource), location.href).href.split("#")[0];
    if (url.indexOf(root) === 0 && /\.html$/.test(url)) {
      var page = decodeURIComponent(url.slice(root.length, -5));
      var text = window.MGK_PAGE_TEXTS[page];
      if (text !== undefined) {
        var doc = document.implementation.createHTMLDocument("");
        var main = doc.createElement("div");
        main.setAttribute("role", "main");
        main.textContent = text;
        return Promise.resolve(new Response(main.outerHTML, { headers: { "Content-Type": "text/html" } }));
      }
    }
    return original.apply(this, arguments);
  };
})();
