  // 역전파 탐험기의 한 조각 — 신경망 보기와 뉴런 안 그림 그리기.
  // explore.py 가 explore.js 부터 차례로 이어 붙여 함수 하나로 만듭니다.
  // 신경망 보기: 입력 한 줄, 층마다 한 줄, 끝에 손실. 뉴런은 이름이 든 원, 오른쪽에 값(파랑)과
  // 기울기(빨강). 가중치는 선: 색은 부호(양수 청록, 음수 주황), 굵기는 크기 (draw_network 와 같은
  // 약속). 뉴런 안 그림: 뉴런 하나의 스칼라 그래프 wᵢ·xᵢ → Σ(+ b) → 활성화.
  var palette = cfg.palette || {};
  var NET = { pad: 14, top: 46, row: 42, col: 196, r: 18, textW: 78 };
  var netSvg = null, netParts = null;
  function svgEl(tag, attrs, parent, text) {
    var e = document.createElementNS(SVGNS, tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text !== undefined) e.textContent = text;
    if (parent) parent.appendChild(e);
    return e;
  }
  function layerColor(c, last) {
    if (c === 0) return palette.input || "#ffec99";
    if (c === last) return palette.output || "#b2f2bb";
    var hidden = palette.hidden || ["#d0bfff"];
    return hidden[(c - 1) % hidden.length];
  }

  function buildNetwork() {
    if (!net || netSvg) return;
    var L = net.sizes.length, hasLoss = net.head.length > 0;
    var columns = [net.inputs].concat(net.sizes);
    if (hasLoss) columns.push(1);
    var rows = Math.max.apply(null, columns);
    var width = NET.pad * 2 + (columns.length - 1) * NET.col + 2 * NET.r + NET.textW;
    var height = NET.top + rows * NET.row + 34;
    netSvg = svgEl("svg", { "data-view": "network", "class": "mgk-net", viewBox: "0 0 " + width + " " + height,
                            width: width, height: height, role: "group", "aria-label": "신경망 보기" });
    netSvg.style.setProperty("--mgk-pos", palette.positive || "#0b7285");
    netSvg.style.setProperty("--mgk-neg", palette.negative || "#e8590c");
    var where = function (c, k) { // 줄 c 의 k 번째 원의 가운데
      var n = columns[c];
      return [NET.pad + NET.r + c * NET.col, NET.top + (rows - n) / 2 * NET.row + (k + 0.5) * NET.row];
    };
    var edges = svgEl("g", { "class": "mgk-net-edges" }, netSvg);
    var marks = svgEl("g", { "class": "mgk-net-marks" }, netSvg);
    var units = svgEl("g", { "class": "mgk-net-units" }, netSvg);
    var acts = palette.activations || {};
    var titles = ["입력"].concat(net.sizes.map(function (size, l) {
      return layerName(l) + (net.activations[l] !== "linear" ? " · " + (acts[net.activations[l]] || net.activations[l]) : "");
    }));
    if (hasLoss) titles.push("손실");
    titles.forEach(function (t, c) {
      var p = where(c, 0);
      svgEl("text", { x: p[0], y: 18, "class": "mgk-net-title", "text-anchor": "middle" }, netSvg, t);
    });
    var sampleText = svgEl("text", { x: NET.pad, y: 36, "class": "mgk-net-sample" }, netSvg, "");
    var parts = { width: width, height: height, weights: [], units: {}, inputs: [], loss: null, lossLinks: [],
                  sampleText: sampleText, marks: marks, where: where };
    // 가중치 선: 층 l 뉴런 j 의 i 번째 가중치 = 앞 줄 i 번째 원 → 이 줄 j 번째 원
    net.sizes.forEach(function (size, l) {
      for (var j = 0; j < size; j++) {
        net.params[l][j][0].forEach(function (w, i) {
          var a = where(l, i), b = where(l + 1, j);
          var line = svgEl("line", { x1: a[0] + NET.r, y1: a[1], x2: b[0] - NET.r, y2: b[1], "class": "mgk-w" }, edges);
          parts.weights.push({ el: line, w: w, l: l, j: j, i: i, shown: null });
        });
      }
    });
    if (hasLoss) {
      for (var k = 0; k < net.sizes[L - 1]; k++) {
        var a = where(L, k), b = where(L + 1, 0);
        parts.lossLinks.push(svgEl("line", { x1: a[0] + NET.r, y1: a[1], x2: b[0] - NET.r, y2: b[1], "class": "mgk-loss-link" }, edges));
      }
    }
    var circle = function (c, k, name, kind) {
      var p = where(c, k);
      var g = svgEl("g", { "class": "mgk-unit mgk-" + kind, role: "img" }, units);
      svgEl("circle", { cx: p[0], cy: p[1], r: NET.r, fill: layerColor(c, L), "class": "mgk-unit-ring" }, g);
      svgEl("text", { x: p[0], y: p[1] + 4, "text-anchor": "middle", "class": "mgk-unit-name" }, g, name);
      var v = svgEl("text", { x: p[0] + NET.r + 5, y: p[1] - 3, "class": "mgk-unit-v" }, g, "");
      var gr = svgEl("text", { x: p[0] + NET.r + 5, y: p[1] + 12, "class": "mgk-unit-g" }, g, "");
      var title = svgEl("title", {}, g, "");
      g.insertBefore(title, g.firstChild);
      return { el: g, v: v, g: gr, title: title, x: p[0], y: p[1] };
    };
    for (var i = 0; i < net.inputs; i++) parts.inputs.push(circle(0, i, "x[" + (i + 1) + "]", "in"));
    net.sizes.forEach(function (size, l) {
      for (var j = 0; j < size; j++) {
        var u = circle(l + 1, j, "[" + (l + 1) + "][" + (j + 1) + "]", "neuron");
        u.l = l; u.j = j;
        u.el.setAttribute("tabindex", "0");
        u.el.setAttribute("data-l", String(l + 1));
        u.el.setAttribute("data-j", String(j + 1));
        parts.units[l + "," + j] = u;
      }
    });
    if (hasLoss) {
      parts.loss = circle(L + 1, 0, "L", "loss");
      var p = where(L + 1, 0);
      parts.target = svgEl("text", { x: p[0], y: p[1] + NET.r + 16, "text-anchor": "middle", "class": "mgk-net-target" }, netSvg, "");
      parts.loss.el.setAttribute("tabindex", "0");
    }
    netParts = parts;
    graphBox.appendChild(netSvg);
  }

  // 신경망 그림의 크기: "화면에 맞춤"이면 칸 안에 다 보이게 (너무 작아지면 폭에만 맞춤)
  function fitNetwork() {
    if (!netSvg) return;
    var W = netParts.width, H = netParts.height;
    var boxW = graphBox.clientWidth - 4, boxH = graphBox.clientHeight - 4;
    var scale = 1;
    if (zoom.fit) { // 칸에 다 들어가게. 다만 높이에 맞추느라 0.55 배보다 작게 하지는 않는다 (폭에는 맞춤)
      var sw = boxW / W, sh = boxH / H;
      scale = Math.min(1.4, sw, Math.max(sh, Math.min(sw, 0.55)));
    }
    netSvg.setAttribute("width", String(Math.floor(W * scale)));
    netSvg.setAttribute("height", String(Math.floor(H * scale)));
  }

  function fitCell() { // 뉴런 안 그림: "화면에 맞춤"이면 칸의 폭에 맞춤
    var W = Number(cellSvg.getAttribute("viewBox").split(" ")[2]), H = Number(cellSvg.getAttribute("viewBox").split(" ")[3]);
    var scale = zoom.fit ? Math.min(1, (graphBox.clientWidth - 4) / W) : 1;
    cellSvg.setAttribute("width", String(Math.floor(W * scale)));
    cellSvg.setAttribute("height", String(Math.floor(H * scale)));
  }

  function weightStyle(line, x, biggest) {
    var key = (x >= 0 ? "p" : "n") + (biggest > 0 ? Math.round(10 * Math.abs(x) / biggest) : 5);
    if (line.shown === key) return;
    line.shown = key;
    line.el.setAttribute("stroke-width", (0.4 + 2.6 * Math.abs(x) / (biggest || 1)).toFixed(2));
    line.el.classList.toggle("mgk-neg", x < 0);
  }

  // 신경망 그림을 걸음 t 의 모습으로. 돌려주는 것: 지금 걸음의 원 (aria-current 를 붙일 것)
  function drawNetwork(t, v, g, sample) {
    var parts = netParts, known = netKnown(t), st = netSteps[t];
    var biggest = 0;
    parts.weights.forEach(function (line) { biggest = Math.max(biggest, Math.abs(v[line.w]) || 0); });
    parts.weights.forEach(function (line) { weightStyle(line, v[line.w], biggest); });
    var many = net.samples.length > 1;
    parts.sampleText.textContent = many ? "표본 " + (sample + 1) + " / " + net.samples.length : "";
    var set = function (u, value, grad, name) { // data-value·data-grad: 보이는 숫자의 온전한 값
      var vt = value === undefined ? "" : fmt(value), gt = grad === undefined ? "" : fmt(grad);
      var vr = value === undefined ? "" : String(value), gr = grad === undefined ? "" : String(grad);
      if (u.vr !== vr) { u.v.textContent = vt; u.vr = vr; u.el.setAttribute("data-value", vr); }
      if (u.gr !== gr) { u.g.textContent = gt; u.gr = gr; u.el.setAttribute("data-grad", gr); }
      var label = name + ": 값 " + (vt || "아직 모름") + ", 기울기 " + (gt || "아직 모름");
      if (u.label !== label) { u.label = label; u.el.setAttribute("aria-label", label); u.title.textContent = label; }
    };
    var smp = net.samples[sample];
    parts.inputs.forEach(function (u, i) {
      set(u, known.input(sample) ? v[smp.x[i]] : undefined, undefined, nameOf(smp.x[i], v));
    });
    Object.keys(parts.units).forEach(function (key) {
      var u = parts.units[key];
      var a = smp.a[u.l][u.j];
      set(u, known.value(sample, u.l, u.j) ? v[a] : undefined, known.grad(sample, u.l, u.j) ? g[a] : undefined,
        neuronName(u.l, u.j) + (many ? " (표본 " + (sample + 1) + ")" : ""));
    });
    if (parts.loss) {
      set(parts.loss, known.loss ? v[R] : undefined, known.lossGrad ? 1 : undefined, "손실 L");
      var targets = [];
      net.head.forEach(function (i) {
        var n = nodes[i];
        if (!n.op && n.role && /^정답/.test(n.role) && (!many || n.role.indexOf("(표본 " + (sample + 1) + ")") > 0)) {
          targets.push(n.role.replace(/ \(표본 \d+\)$/, "").replace(/^정답 /, "") + " = " + fmt(v[i]));
        }
      });
      parts.target.textContent = targets.length ? "정답 " + targets.join(", ") : "";
    }
    // 강조: 지금 원은 주황 테두리, 순전파에서 받는 입력은 파란 점선, 역전파에서 기울기를 준 쪽은 빨간 점선
    var marks = parts.marks;
    while (marks.firstChild) marks.removeChild(marks.firstChild);
    parts.weights.forEach(function (line) { line.el.classList.remove("mgk-on"); });
    var ring = function (u, cls) {
      svgEl("rect", { x: u.x - NET.r - 5, y: u.y - NET.r - 5, width: 2 * NET.r + 10 + (cls === "mgk-box" ? NET.textW - 8 : 0),
                      height: 2 * NET.r + 10, rx: 8, "class": cls }, marks);
    };
    var now = null;
    if (st.kind === "input") {
      parts.inputs.forEach(function (u) { ring(u, "mgk-box"); });
      now = parts.inputs[0];
    } else if (st.kind === "loss") {
      now = parts.loss;
      ring(now, "mgk-box");
      var ends = net.sizes.length - 1;
      for (var k = 0; k < net.sizes[ends]; k++) ring(parts.units[ends + "," + k], st.dir === "f" ? "mgk-box-input mgk-fwd" : "mgk-box-input mgk-bwd");
    } else if (st.kind === "neuron") {
      now = parts.units[st.l + "," + st.j];
      ring(now, "mgk-box");
      parts.weights.forEach(function (line) {
        var into = line.l === st.l && line.j === st.j;
        var outOf = st.dir === "b" && line.l === st.l + 1 && line.i === st.j;
        if (into || outOf) line.el.classList.add("mgk-on");
      });
      if (st.dir === "f") {
        if (st.l === 0) parts.inputs.forEach(function (u) { ring(u, "mgk-box-input mgk-fwd"); });
        else for (var i = 0; i < net.sizes[st.l - 1]; i++) ring(parts.units[(st.l - 1) + "," + i], "mgk-box-input mgk-fwd");
      } else if (st.l < net.sizes.length - 1) {
        for (var q = 0; q < net.sizes[st.l + 1]; q++) ring(parts.units[(st.l + 1) + "," + q], "mgk-box-input mgk-bwd");
      } else if (parts.loss) ring(parts.loss, "mgk-box-input mgk-bwd");
    }
    parts.lossLinks.forEach(function (line) { line.classList.toggle("mgk-on", st.kind === "loss"); });
    return now ? [now.el] : [];
  }

  // ------------------------------------------------------------ 뉴런 안 그림
  // 줄마다 wᵢ × xᵢ (두 상자), 그 오른쪽에 가중합 Σ(+ 편향 b), 활성화, 그리고 다음 층으로.
  var cellSvg = null, cellParts = null;
  var CELL = { row: 40, boxW: 150, boxH: 32, gap: 26 };
  function buildNeuron(s, l, j) {
    if (cellSvg) cellSvg.parentNode.removeChild(cellSvg);
    var u = unit(s, l, j), m = u.w.length;
    var xW = CELL.boxW, x0 = 10, x1 = x0 + xW + CELL.gap, sx = x1 + CELL.boxW + 90;
    var hasAct = u.a !== u.z, ax = sx + 120;
    var width = (hasAct ? ax : sx) + 150, height = 40 + (m + 1) * CELL.row + 10;
    var mid = 40 + (m + 1) * CELL.row / 2;
    cellSvg = svgEl("svg", { "data-view": "neuron", "class": "mgk-cell", viewBox: "0 0 " + width + " " + height,
                             width: width, height: height, role: "group",
                             "aria-label": neuronName(l, j) + " 안의 스칼라 그래프" });
    svgEl("text", { x: x0, y: 22, "class": "mgk-net-title" }, cellSvg, "가중치 w × 입력 x");
    svgEl("text", { x: sx, y: 22, "class": "mgk-net-title", "text-anchor": "middle" }, cellSvg, "가중합 z");
    if (hasAct) svgEl("text", { x: ax, y: 22, "class": "mgk-net-title", "text-anchor": "middle" }, cellSvg, "활성화 a");
    var links = svgEl("g", { "class": "mgk-cell-links" }, cellSvg);
    var marks = svgEl("g", { "class": "mgk-net-marks" }, cellSvg);
    var parts = { nodes: {}, marks: marks, s: s, l: l, j: j, u: u };
    var box = function (i, x, y, w) {
      var g = svgEl("g", { "class": "mgk-cell-box", role: "img" }, cellSvg);
      var title = svgEl("title", {}, g, "");
      svgEl("rect", { x: x, y: y - CELL.boxH / 2, width: w, height: CELL.boxH, rx: 5, "class": nodes[i].param ? "mgk-cell-param" : "mgk-cell-leaf" }, g);
      svgEl("text", { x: x + 6, y: y - 3, "class": "mgk-cell-name" }, g, shortName(i, s, l));
      var v = svgEl("text", { x: x + 6, y: y + 11, "class": "mgk-unit-v" }, g, "");
      var gr = svgEl("text", { x: x + 62, y: y + 11, "class": "mgk-unit-g" }, g, "");
      parts.nodes[i] = { el: g, v: v, g: gr, title: title, x: x, y: y, w: w, h: CELL.boxH };
    };
    var round = function (i, x, y, symbol) {
      var g = svgEl("g", { "class": "mgk-cell-op", role: "img" }, cellSvg);
      var title = svgEl("title", {}, g, "");
      svgEl("circle", { cx: x, cy: y, r: 22, "class": "mgk-unit-ring", fill: "#e7f5ff" }, g);
      svgEl("text", { x: x, y: y + 6, "text-anchor": "middle", "class": "mgk-cell-symbol" }, g, symbol);
      var v = svgEl("text", { x: x, y: y + 38, "text-anchor": "middle", "class": "mgk-unit-v" }, g, "");
      var gr = svgEl("text", { x: x, y: y + 53, "text-anchor": "middle", "class": "mgk-unit-g" }, g, "");
      parts.nodes[i] = { el: g, v: v, g: gr, title: title, x: x - 22, y: y, w: 44, h: 44 };
    };
    for (var i = 0; i < m; i++) {
      var y = 40 + (i + 0.5) * CELL.row;
      box(u.w[i], x0, y, xW);
      svgEl("text", { x: x0 + xW + CELL.gap / 2, y: y + 5, "text-anchor": "middle", "class": "mgk-cell-times" }, cellSvg, "×");
      box(u.x[i], x1, y, CELL.boxW);
      svgEl("line", { x1: x1 + CELL.boxW, y1: y, x2: sx - 22, y2: mid, "class": "mgk-cell-link" }, links);
    }
    var by = 40 + (m + 0.5) * CELL.row;
    box(u.b, x1, by, CELL.boxW);
    svgEl("text", { x: x1 - 8, y: by + 5, "text-anchor": "end", "class": "mgk-cell-times" }, cellSvg, "+");
    svgEl("line", { x1: x1 + CELL.boxW, y1: by, x2: sx - 22, y2: mid, "class": "mgk-cell-link" }, links);
    round(u.z, sx, mid, "Σ");
    if (hasAct) {
      svgEl("line", { x1: sx + 22, y1: mid, x2: ax - 22, y2: mid, "class": "mgk-cell-link" }, links);
      round(u.a, ax, mid, (palette.activations || {})[u.act] || u.act);
    }
    var out = hasAct ? ax : sx;
    svgEl("line", { x1: out + 22, y1: mid, x2: out + 70, y2: mid, "class": "mgk-cell-link" }, links);
    svgEl("text", { x: out + 74, y: mid + 4, "class": "mgk-net-title" }, cellSvg, l === net.sizes.length - 1 ? "→ 손실로" : "→ 다음 층으로");
    svgEl("text", { x: out, y: mid - 32, "text-anchor": "middle", "class": "mgk-net-title" }, cellSvg, neuronName(l, j));
    cellParts = parts;
    graphBox.appendChild(cellSvg);
  }
  function shortName(i, s, l) { // 뉴런 안 그림의 상자 이름: 앞 층 뉴런의 출력은 그 뉴런의 이름으로
    var n = nodes[i];
    if (n.label || n.param) return nameOf(i);
    if (n.role) return n.role.replace(/ \(표본 \d+\)$/, "");
    if (l > 0) {
      var k = net.samples[s].a[l - 1].indexOf(i);
      if (k >= 0) return neuronName(l - 1, k) + "의 출력";
    }
    return nameOf(i);
  }

  // 뉴런 안 그림을 그 안의 걸음 k 의 모습으로. 돌려주는 것: 지금 걸음의 상자들
  function drawNeuron(k, v, g) {
    var parts = cellParts, u = parts.u, steps = cellSteps(parts.s, parts.l, parts.j), st = steps[k];
    var known = cellKnown(steps, k);
    Object.keys(parts.nodes).forEach(function (key) {
      var i = Number(key), box = parts.nodes[key];
      var value = known.value(i) ? fmt(v[i]) : "", grad = "";
      if (known.grad(i)) {
        var share = i === u.a || i === u.z ? g[i] : cellShare(u, i, v, g);
        grad = fmt(share);
      }
      if (box.vt !== value) { box.v.textContent = value; box.vt = value; box.el.setAttribute("data-value", known.value(i) ? String(v[i]) : ""); }
      if (box.gt !== grad) { box.g.textContent = grad ? "기울기 " + grad : ""; box.gt = grad; }
      box.el.setAttribute("data-grad", grad ? String(i === u.a || i === u.z ? g[i] : cellShare(u, i, v, g)) : "");
      box.el.setAttribute("data-cell-node", String(i));
      var label = shortName(i, parts.s, parts.l) + ": 값 " + (value || "아직 모름") + ", 기울기 " + (grad || "아직 모름");
      if (box.label !== label) { box.label = label; box.el.setAttribute("aria-label", label); box.title.textContent = label; }
    });
    var marks = parts.marks;
    while (marks.firstChild) marks.removeChild(marks.firstChild);
    var ring = function (i, cls) {
      var b = parts.nodes[i];
      svgEl("rect", { x: b.x - 4, y: b.y - b.h / 2 - 4, width: b.w + 8, height: b.h + 8, rx: 7, "class": cls }, marks);
      return b.el;
    };
    var leaves = u.w.concat(u.x, [u.b]);
    if (st.kind === "leaves") return leaves.map(function (i) { return ring(i, "mgk-box"); }).slice(0, 1);
    if (st.kind !== "op") return [];
    var ins = nodes[st.i].prev;
    ins.forEach(function (i) { if (parts.nodes[i]) ring(i, "mgk-box-input " + (st.dir === "f" ? "mgk-fwd" : "mgk-bwd")); });
    return [ring(st.i, "mgk-box")];
  }
