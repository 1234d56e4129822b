  // 역전파 탐험기의 한 조각 — 그림: 값 자리, 접은 그림과 펼친 그림, 지금 노드 보이기.
  // explore.py 가 explore.js 부터 차례로 이어 붙여 함수 하나로 만듭니다.
  // 그림 속 글자와 노드: 파이썬이 붙여 둔 data-t (글자 틀 번호), data-node (노드 번호)
  var slots = Array.prototype.map.call(graphBox.querySelectorAll("text[data-t]"), function (t) {
    var parts = cfg.texts[Number(t.getAttribute("data-t"))];
    var group = t.closest("g.edge");
    return { el: t, parts: parts, edge: group, shown: null };
  });
  var edgeGroups = [];
  slots.forEach(function (s) { if (s.edge && edgeGroups.indexOf(s.edge) < 0) edgeGroups.push(s.edge); });
  var nodeGroups = Array.prototype.map.call(graphBox.querySelectorAll("g[data-node]"), function (g) {
    g.setAttribute("role", "img");
    var owner = g.closest("svg");
    return { el: g, i: Number(g.getAttribute("data-node")), view: owner.getAttribute("data-view") || "full" };
  });
  var layers = {}; // 그림마다 강조 상자를 넣을 층: 그림의 맨 뒤(배경 바로 위)
  svgs.forEach(function (one) {
    var layer = one.querySelector("g.graph") || one;
    var boxes = document.createElementNS(SVGNS, "g");
    boxes.setAttribute("class", "mgk-boxes");
    var background = layer.querySelector(":scope > polygon");
    layer.insertBefore(boxes, background ? background.nextSibling : layer.firstChild);
    layers[one.getAttribute("data-view") || "full"] = boxes;
  });

  // 노드의 자리는 바뀌지 않으므로 테두리 상자는 처음에 한 번만 잰다 (걸음마다 재면 느림)
  var groupsOf = { full: {}, folded: {} };
  nodeGroups.forEach(function (ng) {
    if (ng.el.getAttribute("data-output") === "1") return;
    (groupsOf[ng.view][ng.i] = groupsOf[ng.view][ng.i] || []).push(ng);
  });
  nodeGroups.forEach(function (ng) { ng.box = ng.el.getBBox(); });
  // 값 바꿔 보기 상자들은 그림에서 보이는 차례로 (위에서 아래로, 같은 높이면 왼쪽부터)
  (function () {
    var where = function (i) {
      var g = (groupsOf.full[i] || [])[0];
      return g ? [g.box.y + g.box.height / 2, g.box.x] : [Infinity, Infinity];
    };
    Object.keys(leafLabels).map(Number).sort(function (a, b) {
      var p = where(a), q = where(b);
      return p[0] - q[0] || p[1] - q[1] || a - b;
    }).forEach(function (i) { leafBox.appendChild(leafLabels[i]); });
  })();
  // 접은 그림에 없는 노드(매개변수)는 그것을 쓰는 첫 노드(뉴런의 Σ)로 보인다
  var consumer = new Array(N);
  nodes.forEach(function (n, k) {
    (n.prev || []).forEach(function (c) { if (consumer[c] === undefined) consumer[c] = k; });
  });
  function shownAs(i) {
    var seen = 0;
    while (i !== undefined && !groupsOf[view][i] && seen++ < N) i = consumer[i];
    return i;
  }
  function setView(v) {
    view = v;
    svgs.forEach(function (one) {
      one.style.display = (one.getAttribute("data-view") || "full") === view ? "" : "none";
    });
    if (viewButton) {
      viewButton.textContent = view === "folded" ? "모두 펼쳐 보기" : "뉴런으로 접어 보기";
      viewButton.setAttribute("aria-pressed", view === "folded" ? "false" : "true");
      viewButton.title = view === "folded" ? "가중치·편향까지 모든 노드를 그립니다" :
        "뉴런 하나(가중합 Σ)를 노드 하나로, 매개변수는 그 안에 접어 그립니다";
    }
  }
  function boxAround(i, cls) {
    var boxes = layers[view];
    (groupsOf[view][shownAs(i)] || []).forEach(function (ng) {
      var b = ng.box;
      var r = document.createElementNS(SVGNS, "rect");
      r.setAttribute("x", b.x - 4); r.setAttribute("y", b.y - 4);
      r.setAttribute("width", b.width + 8); r.setAttribute("height", b.height + 8);
      r.setAttribute("rx", 6);
      r.setAttribute("class", cls);
      boxes.appendChild(r);
    });
  }

  // 그림 칸의 높이: 제목·단추·설명 칸과 함께 창 하나에 들어가게 (창 크기가 바뀔 때만 다시)
  function fitGraphBox() {
    var above = graphBox.getBoundingClientRect().top - root.getBoundingClientRect().top;
    var room = Math.max(220, window.innerHeight - above - 12);
    graphBox.style.maxHeight = room + "px";
  }
  window.addEventListener("resize", fitGraphBox);

  // 지금 노드를 그림 칸 안에 보이게: 그림 칸(.mgk-graph)만 스크롤하고 페이지는 움직이지 않는다
  var current = [];
  function markCurrent(i) {
    current.forEach(function (g) { g.removeAttribute("aria-current"); });
    current = i === null ? [] : (groupsOf[view][shownAs(i)] || []).map(function (ng) { return ng.el; });
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
    if (r.bottom < 0 || r.top > window.innerHeight) { // 페이지를 멀리 내렸을 때만
      graphBox.scrollIntoView({ block: "nearest" });
    }
  }
