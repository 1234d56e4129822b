// 검색 결과의 요약 글: Sphinx 의 검색은 찾은 쪽을 fetch 로 읽어 그 글에서 요약을 만드는데, 파일(file://)로
// 연 사이트에서는 브라우저가 다른 쪽을 읽지 못하고, 읽더라도 수식이 "∂L∂w" 처럼 뭉개집니다. 그래서
// 빌드할 때 담아 둔 쪽마다의 뼈대(page_texts.js: id 가 있는 요소와 글, 수식은 한 줄 글)로 대신 답합니다.
// 제목으로 찾은 결과는 그 제목의 id 로 요약할 곳을 찾으므로, 뼈대에는 id 가 모두 남아 있습니다.
(function () {
  if (!window.MGK_PAGE_TEXTS) return;
  var original = window.fetch;
  var root = new URL(".", location.href).href;
  window.fetch = function (resource, options) {
    var url = new URL(String(resource), location.href).href.split("#")[0].split("?")[0];
    if (url.indexOf(root) === 0 && /\.html$/.test(url)) {
      var page = decodeURIComponent(url.slice(root.length, -5));
      var skeleton = Object.prototype.hasOwnProperty.call(window.MGK_PAGE_TEXTS, page)
        ? window.MGK_PAGE_TEXTS[page]
        : undefined;
      if (typeof skeleton === "string") {
        var body = '<div role="main">' + skeleton + "</div>";
        return Promise.resolve(new Response(body, { headers: { "Content-Type": "text/html" } }));
      }
    }
    return original.apply(this, arguments);
  };
})();
