  // 역전파 탐험기의 한 조각 — 스칼라 그림: 값 자리, 지금 노드 보이기, 전체 지도(minimap), 크기.
  // explore.py 가 explore.js 부터 차례로 이어 붙여 함수 하나로 만듭니다.
  // 신경망 보기로 시작하는 큰 그래프는 스칼라 그림을 <template> 에 두었다가 처음 볼 때 놓는다.
  var slots = [], edgeGroups = [], nodeGroups = [], groupsOf = {}, boxLayer = null;
  var fullSvg = null, scalarReady = false;
  var mini = null, miniDots = null; // 전체 지도: 캔버스와 노드마다 [x, y] (그림 크기에 대한 비율)

  function initScalar() { // 그림이 화면에 보이는 상태에서 불러야 한다 (getBBox 가 크기를 잰다)
    if (scalarReady) return;
    scalarReady = true;
    var template = graphBox.querySelector("template");
    if (template) {
      graphBox.appendChild(document.importNode(template.content, true));
      template.parentNode.removeChild(template);
    }
    fullSvg = graphBox.querySelector("svg[data-view=\"full\"]");
    if (!fullSvg) return;
    fullSvg.classList.add("mgk-scalar");
    // 그림 속 글자와 노드: 파이썬이 붙여 둔 data-t (글자 틀 번호), data-node (노드 번호)
    slots = Array.prototype.map.call(fullSvg.querySelectorAll("text[data-t]"), function (t) {
      var parts = cfg.texts[Number(t.getAttribute("data-t"))];
      var group = t.closest("g.edge");
      return { el: t, parts: parts, edge: group, shown: null };
    });
    slots.forEach(function (s) { if (s.edge && edgeGroups.indexOf(s.edge) < 0) edgeGroups.push(s.edge); });
    nodeGroups = Array.prototype.map.call(fullSvg.querySelectorAll("g[data-node]"), function (g) {
      g.setAttribute("role", "img");
      var title = document.createElementNS(SVGNS, "title"); // 마우스를 올리면 보이는 노드의 이름
      g.insertBefore(title, g.firstChild);
      return { el: g, i: Number(g.getAttribute("data-node")), title: title };
    });
    var layer = fullSvg.querySelector("g.graph") || fullSvg;
    boxLayer = document.createElementNS(SVGNS, "g"); // 강조 상자: 그림의 맨 뒤(배경 바로 위)
    boxLayer.setAttribute("class", "mgk-boxes");
    var background = layer.querySelector(":scope > polygon");
    layer.insertBefore(boxLayer, background ? background.nextSibling : layer.firstChild);
    // 노드의 자리는 바뀌지 않으므로 테두리 상자는 처음에 한 번만 잰다 (걸음마다 재면 느림)
    nodeGroups.forEach(function (ng) {
      if (ng.el.getAttribute("data-output") === "1") return;
      (groupsOf[ng.i] = groupsOf[ng.i] || []).push(ng);
    });
    nodeGroups.forEach(function (ng) { ng.box = ng.el.getBBox(); });
    if (!net) { // 값 바꿔 보기 상자들은 그림에서 보이는 차례로 (위에서 아래로, 같은 높이면 왼쪽부터)
      var where = function (i) {
        var g = (groupsOf[i] || [])[0];
        return g ? [g.box.y + g.box.height / 2, g.box.x] : [Infinity, Infinity];
      };
      Object.keys(leafLabels).map(Number).sort(function (a, b) {
        var p = where(a), q = where(b);
        return p[0] - q[0] || p[1] - q[1] || a - b;
      }).forEach(function (i) { leafBox.appendChild(leafLabels[i]); });
    }
    if (zooms.full === null) { // 폭에 맞춰도 글이 읽힐 만하면(0.6배 이상) 맞춤으로 시작
      zooms.full = narrow || fullSvg.getBoundingClientRect().width * 0.6 <= graphBox.clientWidth;
    }
    makeMinimap();
    addDragging();
  }

  function boxAround(i, cls) {
    (groupsOf[i] || []).forEach(function (ng) {
      var b = ng.box;
      var r = document.createElementNS(SVGNS, "rect");
      r.setAttribute("x", b.x - 4); r.setAttribute("y", b.y - 4);
      r.setAttribute("width", b.width + 8); r.setAttribute("height", b.height + 8);
      r.setAttribute("rx", 6);
      r.setAttribute("class", cls);
      boxLayer.appendChild(r);
    });
  }

  // ------------------------------------------------------------ 크기: 화면에 맞춤 / 100 %
  // 신경망 보기는 칸에 맞춰, 스칼라 그림은 좁은 화면(폰)에서만 칸의 폭에 맞춰 시작한다.
  // 단추(mgk-zoom)로 100 % 와 바꾼다 (보기마다 따로).
  var narrow = graphBox.clientWidth < 700 || root.clientWidth < 700;
  var zooms = { full: null, network: true, sequence: true, neuron: narrow }; // full: 그림을 놓을 때
  var zoom = { get fit() { return zooms[view]; }, set fit(x) { zooms[view] = x; } };
  function applyZoom() {
    zoomButton.textContent = zoom.fit ? "100 %로 보기" : "화면에 맞춤";
    zoomButton.setAttribute("aria-pressed", zoom.fit ? "true" : "false");
    zoomButton.title = zoom.fit ? "그림을 원래 크기로 (칸 안에서 스크롤)" : "그림 전체를 칸에 맞춰 줄여 봅니다";
    if (fullSvg) { // 맞춤: 칸보다 넓으면 칸의 폭으로 줄이고, 좁으면 그대로 (키우지 않는다)
      fullSvg.style.maxWidth = zoom.fit ? "100%" : "none";
    }
    if (net) fitNetwork();
    if (cellSvg) fitCell();
    if (seqSvg) fitSequence();
  }

  // 그림 칸의 높이: 제목·단추와 함께 창 하나에 들어가게 (창 크기가 바뀔 때만 다시).
  // 넓은 화면에서는 설명 칸이 그림 칸 옆에 같은 높이로 선다.
  function fitGraphBox() {
    var above = frame.getBoundingClientRect().top - root.getBoundingClientRect().top;
    var room = Math.max(160, window.innerHeight - above - 12);
    var side = getComputedStyle(stage).getPropertyValue("--mgk-side").trim() === "1";
    // 보기가 여럿이면(신경망·모든 노드·뉴런 안) 높이를 정해 두어 보기를 바꿔도 칸이 그대로
    var fixed = side || !!net || !!seq;
    graphBox.style.maxHeight = fixed ? "none" : room + "px";
    graphBox.style.height = fixed ? room + "px" : "";
    panel.style.height = side ? room + "px" : "";
    if (net) fitNetwork();
    if (seqSvg) fitSequence();
  }
  window.addEventListener("resize", function () { fitGraphBox(); drawMinimap(); });

  // ------------------------------------------------------------ 지금 노드를 보이게
  // 그림 칸(.mgk-graph)만 스크롤하고 페이지는 움직이지 않는다
  var current = [];
  function markCurrent(targets) {
    current.forEach(function (g) { g.removeAttribute("aria-current"); });
    current = targets;
    current.forEach(function (g) { g.setAttribute("aria-current", "step"); });
    if (current.length) reveal(current[0]);
  }
  function reveal(target) { // 그림 칸을 스크롤해 target 이 칸 안에 보이게
    var box = graphBox.getBoundingClientRect(), r = target.getBoundingClientRect();
    var margin = 24;
    var dx = 0, dy = 0;
    if (r.left < box.left + margin || r.right > box.right - margin) {
      dx = (r.left + r.right) / 2 - (box.left + box.right) / 2;
    }
    if (r.top < box.top + margin || r.bottom > box.bottom - margin) {
      dy = (r.top + r.bottom) / 2 - (box.top + box.bottom) / 2;
    }
    if (dx || dy) graphBox.scrollBy({ left: dx, top: dy, behavior: "instant" });
    r = target.getBoundingClientRect();
    if (r.top < 0 || r.bottom > window.innerHeight) { // 창 밖이면 그림 칸이 창에 들어오게 페이지를
      graphBox.scrollIntoView({ block: "nearest" });
    }
  }

  // ------------------------------------------------------------ 전체 지도 (minimap)
  // 큰 스칼라 그림에서 한 걸음에 멀리 뛰어도 길을 잃지 않게: 그림 칸 구석에 그림 전체를 줄여
  // 노드는 점, 지금 노드는 주황 점, 바로 앞 걸음의 노드는 주황 테두리, 보이는 곳은 네모로.
  // 지도를 누르면 그곳으로 간다.
  var miniNow = null, miniBefore = null;
  function makeMinimap() {
    if (!fullSvg || nodeGroups.length < 30) return;
    mini = el("canvas", "mgk-minimap");
    mini.setAttribute("role", "img");
    mini.setAttribute("aria-label", "전체 지도: 주황 점이 지금 노드, 네모가 보이는 곳");
    mini.title = "전체 지도: 누르면 그곳으로 갑니다";
    frame.appendChild(mini);
    var whole = fullSvg.getBoundingClientRect();
    miniDots = {};
    nodeGroups.forEach(function (ng) {
      var r = ng.el.getBoundingClientRect();
      miniDots[ng.i] = [((r.left + r.right) / 2 - whole.left) / whole.width,
                        ((r.top + r.bottom) / 2 - whole.top) / whole.height];
    });
    mini.addEventListener("click", function (e) {
      var r = mini.getBoundingClientRect();
      var fx = (e.clientX - r.left) / r.width, fy = (e.clientY - r.top) / r.height;
      graphBox.scrollTo({ left: fx * graphBox.scrollWidth - graphBox.clientWidth / 2,
                          top: fy * graphBox.scrollHeight - graphBox.clientHeight / 2, behavior: "instant" });
    });
    graphBox.addEventListener("scroll", drawMinimap, { passive: true });
  }
  function drawMinimap() {
    if (!mini) return;
    var showing = view === "full" && (graphBox.scrollHeight > graphBox.clientHeight + 2 ||
      graphBox.scrollWidth > graphBox.clientWidth + 2);
    mini.hidden = !showing;
    if (!showing) return;
    var aspect = graphBox.scrollWidth / graphBox.scrollHeight;
    var h = Math.max(60, Math.min(480, graphBox.clientHeight - 48)), w = Math.max(36, Math.min(170, h * aspect));
    if (w === 170) h = Math.max(36, w / aspect);
    if (mini.width !== Math.round(w) || mini.height !== Math.round(h)) {
      mini.width = Math.round(w); mini.height = Math.round(h);
      mini.style.width = mini.width + "px"; mini.style.height = mini.height + "px";
    }
    var c = mini.getContext("2d");
    var dark = getComputedStyle(root).getPropertyValue("--mgk-dark").trim() === "1";
    c.clearRect(0, 0, w, h);
    c.fillStyle = dark ? "rgba(22, 24, 28, 0.9)" : "rgba(255, 255, 255, 0.9)";
    c.fillRect(0, 0, w, h);
    c.fillStyle = dark ? "#8d949c" : "#868e96";
    Object.keys(miniDots).forEach(function (k) {
      var d = miniDots[k];
      c.fillRect(d[0] * w - 1, d[1] * h - 1, 2, 2);
    });
    c.strokeStyle = dark ? "#e9ecef" : "#222";
    c.lineWidth = 1;
    c.strokeRect(graphBox.scrollLeft / graphBox.scrollWidth * w + 0.5,
      graphBox.scrollTop / graphBox.scrollHeight * h + 0.5,
      graphBox.clientWidth / graphBox.scrollWidth * w - 1, graphBox.clientHeight / graphBox.scrollHeight * h - 1);
    c.strokeStyle = "#f08c00";
    c.fillStyle = "#f08c00";
    if (miniBefore !== null && miniDots[miniBefore] && miniBefore !== miniNow) {
      var b = miniDots[miniBefore];
      c.beginPath(); c.arc(b[0] * w, b[1] * h, 4, 0, 2 * Math.PI); c.lineWidth = 1.5; c.stroke();
      if (miniNow !== null && miniDots[miniNow]) { // 앞 걸음에서 지금 걸음으로 가는 선
        var a = miniDots[miniNow];
        c.beginPath(); c.moveTo(b[0] * w, b[1] * h); c.lineTo(a[0] * w, a[1] * h); c.stroke();
      }
    }
    if (miniNow !== null && miniDots[miniNow]) {
      var d = miniDots[miniNow];
      c.beginPath(); c.arc(d[0] * w, d[1] * h, 4, 0, 2 * Math.PI); c.fill();
    }
  }
  function moveMinimap(i) {
    if (i !== miniNow) { miniBefore = miniNow; miniNow = i; }
    drawMinimap();
  }
