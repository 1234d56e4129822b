function (root) {
  "use strict";
  // 역전파 탐험기(backprop explorer). 이 함수는 페이지 안에서 그대로 실행됩니다.
  // 이름표(label)는 믿을 수 없는 글이므로 언제나 textContent 나 setAttribute 로만 넣습니다.
  var cfg = JSON.parse(root.querySelector("script.mgk-data").textContent);
  var nodes = cfg.nodes;
  var N = nodes.length;
  var R = N - 1; // 출력 노드 = 위상 정렬의 마지막
  var TOTAL = 2 * N; // 순전파 N 걸음 + 역전파 N 걸음
  var SVGNS = "http://www.w3.org/2000/svg";

  // ------------------------------------------------------------ 숫자 쓰기
  // micrograd_kr.viz.graph.format_number 와 같은 규칙: 220.00000000000003 → "220"
  function fmt(x) {
    if (x === undefined) return "?";
    if (Number.isNaN(x)) return "nan";
    if (!Number.isFinite(x)) return x > 0 ? "inf" : "-inf";
    var a = Math.abs(x);
    var text;
    if (a >= 1e4 && a < 1e7) text = x.toFixed(0);
    else text = formatG4(x);
    return text === "-0" ? "0" : text;
  }
  function formatG4(x) { // 파이썬의 f"{x:.4g}"
    if (x === 0) return Object.is(x, -0) ? "-0" : "0";
    var e = x.toExponential(3); // "2.200e+0"
    var exp = parseInt(e.slice(e.indexOf("e") + 1), 10);
    if (exp < -4 || exp >= 4) {
      var mant = e.slice(0, e.indexOf("e")).replace(/\.?0+$/, "");
      return mant + "e" + (exp < 0 ? "-" : "+") + (Math.abs(exp) < 10 ? "0" : "") + Math.abs(exp);
    }
    var s = x.toFixed(Math.max(0, 3 - exp));
    return s.indexOf(".") >= 0 ? s.replace(/\.?0+$/, "") : s;
  }
  function parseNumber(text) {
    if (typeof text === "number") return text;
    var t = String(text).trim();
    if (t === "inf" || t === "+inf" || t === "Infinity") return Infinity;
    if (t === "-inf" || t === "-Infinity") return -Infinity;
    if (t === "nan" || t === "NaN") return NaN;
    if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t)) return undefined;
    return Number(t);
  }
  function arg(x) { return x < 0 || Object.is(x, -0) ? "(" + fmt(x) + ")" : fmt(x); } // 0.5 + (−1.7)
  var SHORT = { "+": "+", "-": "-", "*": "*", "/": "/", "**": "**" };
  // 노드의 이름: 이름표, 매개변수의 자리 이름(w[1][2,3]), 상수는 그 값, 이름 없는 중간 노드는
  // 짧으면 부분식("a*b"), 길면 "노드 12 (+)". 값이 바뀌면 상수의 이름도 따라 바뀝니다.
  function nameOf(i, values, depth) {
    var n = nodes[i];
    if (n.label) return !n.op && parseNumber(n.label) !== undefined ? "상수 " + n.label : n.label;
    if (n.param) return n.param;
    if (!n.op) return "상수 " + fmt(values ? values[i] : parseNumber(n.value));
    var text = subExpr(i, values, depth === undefined ? 2 : depth);
    if (text && text.length <= 24) return text;
    return i === R ? "출력" : "노드 " + i + " (" + n.op + ")";
  }
  function operand(i, values, depth, bare) { // bare: 함수의 인자라 괄호가 필요 없음
    var n = nodes[i];
    if (!n.label && !n.param && !n.op) {
      var x = values ? values[i] : parseNumber(n.value);
      return bare ? fmt(x) : arg(x);
    }
    if (n.label || n.param) return nodes[i].label || nodes[i].param;
    if (depth <= 0) return null;
    var t = subExpr(i, values, depth - 1);
    return t === null ? null : (!bare && n.prev.length > 1 && SHORT[n.op] ? "(" + t + ")" : t);
  }
  function subExpr(i, values, depth) {
    var n = nodes[i];
    if (n.op === "linear") { // 뉴런의 가중합: 편향의 자리 이름으로 Σ[층][뉴런]
      var bias = nodes[n.prev[n.prev.length - 1]].param;
      return bias && bias.charAt(0) === "b" ? "Σ" + bias.slice(1) : null;
    }
    var bare = !SHORT[n.op] && n.op !== "**k" && n.op !== "neg";
    var xs = n.prev.map(function (p) { return operand(p, values, depth, bare); });
    if (xs.some(function (x) { return x === null; })) return null;
    if (SHORT[n.op] && xs.length === 2) return xs[0] + SHORT[n.op] + xs[1];
    if (n.op === "**k") return xs[0] + "**" + fmt(n.arg);
    if (n.op === "neg") return "-" + xs[0];
    return n.op + "(" + xs.join(", ") + ")";
  }
  function quoted(i, values) { // 오류 메시지에서 노드를 부르는 꼴: 'b', 'w[1][2,3]', '상수 0'
    return "'" + nameOf(i, values) + "'";
  }
  // 조사(particle): 앞 낱말의 끝소리에 맞춰 "은/는", "을/를", "이/가", "과/와", "으로/로"
  function josa(word, withFinal, without) {
    var w = String(word).replace(/[\s)\]}'"’”…]+$/, "");
    var c = w.charCodeAt(w.length - 1);
    var final;
    if (c >= 0xAC00 && c <= 0xD7A3) final = (c - 0xAC00) % 28 !== 0;
    else if (/[0-9]$/.test(w)) final = "013678".indexOf(w[w.length - 1]) >= 0;
    else if (/[a-zA-Z]$/.test(w)) final = /[lmnrLMNR]$/.test(w);
    else final = false;
    return word + (final ? withFinal : without);
  }

  // ------------------------------------------------------------ 연산 표
  // engine.py 의 국소 미분(local derivative) 표와 하나하나 같습니다.
  // 각 함수는 [출력값, [입력마다 국소 미분]] 을 돌려주거나, 정의역 오류면 DomainError 를 던집니다.
  function DomainError(message) { this.message = message; }
  function checkPow(x, k, base, values) {
    if (x === 0 && k < 0) {
      throw new DomainError("0의 음수 거듭제곱은 정의되지 않습니다: " + quoted(base, values) +
        " ** " + fmt(k) + " (밑(base)이 0 입니다).");
    }
    if (x < 0 && !Number.isInteger(k)) {
      throw new DomainError("음수의 정수가 아닌 거듭제곱은 실수가 아닙니다: " + quoted(base, values) +
        " ** " + fmt(k) + " (밑 " + fmt(x) + "). 밑을 양수로 만들거나 정수 지수를 쓰세요.");
    }
  }
  // 연산마다 [출력, [국소 미분들]] 을 돌려주는 규칙: micrograd_kr/ops.py 의 연산 표에서 만들어 넣는다
  var OPS = __OPS__;
  var SYMBOLS = { "+": "+", "-": "−", "*": "×", "/": "÷", "**": "**" };

  // ------------------------------------------------------------ 상태
  nodes.forEach(function (n) { // "inf" → inf (묶은 연산의 매개변수는 수의 배열)
    if (Array.isArray(n.arg)) n.arg = n.arg.map(parseNumber);
    else if (n.arg !== undefined) n.arg = parseNumber(n.arg);
  });
  var original = nodes.map(function (n) { return n.op ? undefined : parseNumber(n.value); });
  var leafValues = original.slice();
  var keys = {};
  nodes.forEach(function (n, i) { if (!n.op) keys[n.key] = i; });
  var params = [];
  nodes.forEach(function (n, i) { if (n.param) params.push(i); });
  var rules = cfg.rules || {};
  var DEFAULT_LR = 0.05;
  var lr = DEFAULT_LR;
  var learned = 0; // "한 걸음 학습" 을 누른 횟수
  var learnNote = "";
  var step = 0;
  var calc = null; // 순전파 결과: {val, loc, error}

  function forward(override, from) { // override: 노드 from 의 값을 바꿔 그 뒤만 다시 계산
    var val = new Array(N), loc = new Array(N), error = null;
    var start = override === undefined ? 0 : from;
    if (override !== undefined) { val = calc.val.slice(); loc = calc.loc; }
    for (var i = start; i < N; i++) {
      var n = nodes[i];
      if (override !== undefined && i === from) { val[i] = override; continue; }
      if (!n.op) { val[i] = leafValues[i]; loc[i] = []; continue; }
      var xs = n.prev.map(function (p) { return val[p]; });
      try {
        var r = OPS[n.op](xs, n.arg, n, val);
        val[i] = r[0];
        if (override === undefined) loc[i] = r[1];
      } catch (e) {
        if (!(e instanceof DomainError)) throw e;
        error = { node: i, message: e.message };
        break;
      }
    }
    return { val: val, loc: loc, error: error };
  }

  // 역전파를 p 걸음까지: backward() 와 같은 순서 (위상 정렬의 역순), 같은 누적(+=)
  function backward(p) {
    var g = new Array(N).fill(0), known = new Array(N).fill(false);
    var done = new Array(N).fill(false), sent = new Array(N), last = null;
    if (calc.error || p === 0) return { g: g, known: known, done: done, sent: sent, last: null };
    g[R] = 1; known[R] = true; // 출력의 기울기는 1 에서 시작 (dL/dL = 1)
    for (var t = 0; t < p; t++) {
      var i = R - t, n = nodes[i], rows = [];
      sent[i] = [];
      (n.prev || []).forEach(function (c, j) {
        var received = g[i] * calc.loc[i][j]; // 연쇄법칙: 상류 기울기 × 국소 미분
        rows.push({ child: c, j: j, local: calc.loc[i][j], received: received,
                    before: g[c], had: known[c] && c !== i });
        g[c] += received; known[c] = true;
        rows[rows.length - 1].after = g[c];
        sent[i].push(received);
      });
      done[i] = true;
      if (t === p - 1) last = { node: i, upstream: g[i], rows: rows };
    }
    return { g: g, known: known, done: done, sent: sent, last: last };
  }

  // ------------------------------------------------------------ 화면 만들기
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function button(cls, text) { var b = el("button", cls, text); b.type = "button"; return b; }
  var graphBox = root.querySelector(".mgk-graph");
  var svgs = Array.prototype.slice.call(graphBox.querySelectorAll("svg"));
  // 모델이면 그림이 둘: 모두 펼친 그림(full)과 뉴런마다 매개변수를 접은 그림(folded)
  var view = svgs.length > 1 ? "folded" : "full";
  var heading = el("h2", "", "역전파 탐험기 — " + cfg.title);
  var controls = el("div", "mgk-controls");
  var buttons = {};
  [["first", "처음"], ["prev", "이전"], ["next", "다음"], ["last", "끝"]].forEach(function (b) {
    buttons[b[0]] = button("mgk-" + b[0], b[1]);
    controls.appendChild(buttons[b[0]]);
  });
  var viewButton = null;
  if (svgs.length > 1) {
    viewButton = button("mgk-view", "");
    controls.appendChild(viewButton);
  }
  var counter = el("span", "mgk-counter");
  counter.setAttribute("aria-live", "polite");
  controls.appendChild(counter);
  var touch = window.matchMedia && window.matchMedia("(pointer: coarse)").matches;
  controls.appendChild(el("span", "mgk-hint", touch ? "설명 글을 왼쪽·오른쪽으로 밀어서도 넘깁니다" :
    cfg.standalone ? "← → 키로도 넘깁니다" : "그림을 한 번 누르면 ← → 키로도 넘깁니다"));
  // 설명 글과 오류는 높이가 정해진 한 칸 안에: 글이 길어져도 그림이 밀리지 않는다
  var panel = el("div", "mgk-panel");
  var textBox = el("div", "mgk-text");
  textBox.setAttribute("aria-live", "polite");
  var errorBox = el("div", "mgk-error");
  errorBox.setAttribute("role", "alert");
  panel.appendChild(textBox);
  panel.appendChild(errorBox);

  // 한 걸음 학습: 매개변수가 있는 그래프에서만 (출력 = 손실)
  var learnBar = null, learnButton = null, lrInput = null, learnOut = null, learnReset = null;
  if (params.length) {
    learnBar = el("div", "mgk-learn");
    learnButton = button("mgk-learn-step", "한 걸음 학습");
    var lrLabel = el("label", "", "학습률(lr) ");
    lrInput = el("input");
    lrInput.type = "text"; lrInput.inputMode = "decimal"; lrInput.value = String(lr);
    lrInput.setAttribute("aria-label", "학습률(learning rate)");
    lrInput.className = "mgk-lr";
    lrLabel.appendChild(lrInput);
    learnReset = button("mgk-learn-reset", "학습 전으로");
    learnOut = el("span", "mgk-learn-out");
    learnOut.setAttribute("aria-live", "polite");
    learnBar.appendChild(el("span", "mgk-learn-title", "경사 하강법(gradient descent): 매개변수 " +
      params.length + "개를 p ← p − lr × 기울기 로 한 번 움직입니다."));
    learnBar.appendChild(learnButton);
    learnBar.appendChild(lrLabel);
    learnBar.appendChild(learnReset);
    learnBar.appendChild(learnOut);
  }

  var fields = el("fieldset");
  fields.appendChild(el("legend", "", "값 바꿔 보기 (what-if): 잎(leaf) 노드의 값을 바꾸면 모든 값과 기울기를 다시 계산합니다 (그림의 잎을 좌우로 끌어도 됩니다)"));
  var leafBox = el("div", "mgk-leaves");
  fields.appendChild(leafBox);
  var reset = button("mgk-reset", "처음 값으로");
  fields.appendChild(reset);
  var inputs = {}, sliders = {}, leafLabels = {};
  function fitInput(input) { // 긴 숫자(0.14285714285714285)도 잘리지 않게 글자 수만큼
    input.style.width = Math.max(7, input.value.length + 2) + "ch";
  }
  function sliderRange(slider, x) { // x 를 가운데 두는 범위와 알맞은 눈금
    if (!Number.isFinite(x)) { slider.disabled = true; return; }
    slider.disabled = false;
    var span = Math.max(1, Math.abs(x));
    var unit = Math.pow(10, Math.floor(Math.log10(span))) / 100;
    slider.min = String(x - span); slider.max = String(x + span);
    slider.step = String(unit);
    slider.value = String(x);
  }
  // 잎 상자들은 그래프 순서(위상 정렬)로: 매개변수 w[1][1,1], w[1][1,2], ... 도 자리 순서대로
  nodes.forEach(function (n, i) {
    if (n.op) return;
    var label = el("label");
    label.appendChild(el("span", "mgk-leaf-name", nameOf(i) + (n.param ? " (매개변수)" : "")));
    var input = el("input");
    input.type = "text";
    input.inputMode = "decimal";
    input.setAttribute("data-key", n.key);
    input.setAttribute("aria-label", nameOf(i) + "의 값");
    input.value = String(original[i]);
    fitInput(input);
    var slider = el("input");
    slider.type = "range";
    slider.setAttribute("data-key", n.key);
    slider.setAttribute("aria-label", nameOf(i) + "의 값 (밀어서 바꾸기)");
    sliderRange(slider, original[i]);
    input.addEventListener("input", function () {
      var x = parseNumber(input.value);
      if (x === undefined) {
        input.setAttribute("aria-invalid", "true");
        inputNote = "'" + nameOf(i) + "'에는 숫자를 넣어 주세요 (받은 값: '" + input.value + "').";
        render();
        return;
      }
      input.removeAttribute("aria-invalid");
      inputNote = "";
      fitInput(input);
      leafValues[i] = x;
      if (!(x >= Number(slider.min) && x <= Number(slider.max))) sliderRange(slider, x);
      else slider.value = String(x);
      recompute();
    });
    slider.addEventListener("input", function () {
      var x = Number(slider.value);
      leafValues[i] = x;
      input.removeAttribute("aria-invalid");
      inputNote = "";
      input.value = String(x);
      recompute();
    });
    inputs[i] = input;
    sliders[i] = slider;
    leafLabels[i] = label;
    label.appendChild(input);
    label.appendChild(slider);
    leafBox.appendChild(label);
  });
  var inputNote = "";
  root.insertBefore(heading, graphBox);
  root.insertBefore(controls, graphBox);
  root.insertBefore(panel, graphBox);
  if (learnBar) root.appendChild(learnBar);
  root.appendChild(fields);

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

  // ------------------------------------------------------------ 그리기
  var shownNames = null; // 노드마다 지금 값으로 지은 이름 (값이 바뀔 때만 다시)
  function recompute() { calc = forward(); shownNames = null; render(); }

  function para(parts, cls) {
    var p = el("p", cls || "");
    parts.forEach(function (part) {
      if (typeof part === "string") p.appendChild(document.createTextNode(part));
      else p.appendChild(el("span", part[0], part[1]));
    });
    return p;
  }

  function describeForward(i) {
    var n = nodes[i], v = calc.val;
    if (!n.op) return [para(["순전파 " + (i + 1) + "/" + N + ": 잎(leaf) 노드 " + nameOf(i, v) + " = ",
      ["mgk-v", fmt(v[i])]])];
    var args = n.prev.map(function (p) { return arg(v[p]); });
    var expr;
    if (SYMBOLS[n.op]) expr = args[0] + " " + SYMBOLS[n.op] + " " + args[1];
    else if (n.op === "**k") expr = args[0] + " ** " + fmt(n.arg);
    else if (n.op === "neg") expr = "−" + args[0];
    else if (n.op === "linear") expr = "Σ wᵢ·xᵢ + b";
    else expr = n.op + "(" + args.join(", ") + ")";
    return [para(["순전파 " + (i + 1) + "/" + N + ": " + nameOf(i, v) + " = " + expr + " = ",
      ["mgk-v", fmt(v[i])]])];
  }

  // 국소 미분이 왜 그 값인지: 연산 표의 규칙을 학습자의 숫자로
  function why(i, row) {
    var n = nodes[i], v = calc.val, rule = rules[n.op];
    var part = function (k) { // ∂(a+b)/∂a: 연산 기호가 든 이름은 괄호로
      var name = nameOf(k, v);
      return /[-+*/]/.test(name) && !/^상수 /.test(name) ? "(" + name + ")" : name;
    };
    var head = "∂" + part(i) + "/∂" + part(row.child) + " = ";
    if (n.op === "*") head += nameOf(n.prev[1 - row.j], v) + " = ";
    return head + fmt(row.local) + (rule ? " (" + rule.name + ": " + rule.rule + ")" : "");
  }

  // 확인: 지금 노드의 값을 조금 바꾸면 출력이 기울기만큼 바뀌는지 (다시 계산해서)
  function nudge(i, grad) {
    if (i === R) return null;
    var h = 0.001, base = calc.val[R];
    var moved = forward(calc.val[i] + h, i);
    if (moved.error || !Number.isFinite(moved.val[R]) || !Number.isFinite(base)) return null;
    var change = moved.val[R] - base;
    var out = nameOf(R, calc.val);
    return para(["확인: " + josa(nameOf(i, calc.val), "을", "를") + " +0.001 바꾸면 " +
      josa(out === "출력" ? out : "출력 " + out, "은", "는") + " " + (change >= 0 ? "+" : "") + fmt(change) +
      " 바뀝니다 (기울기 ", ["mgk-g", fmt(grad)], " × 0.001 = " + fmt(grad * h) + ")"], "mgk-nudge");
  }

  function describeBackward(b) {
    var i = b.last.node, v = calc.val, out = [];
    var head = "역전파 " + (R - i + 1) + "/" + N + ": " + nameOf(i, v);
    if (i === R) {
      out.push(para(["(출력 " + josa(nameOf(i, v), "은", "는") + " 자기 자신에 대한 기울기 ∂" +
        nameOf(i, v) + "/∂" + nameOf(i, v) + " = ", ["mgk-g", "1"], "에서 시작합니다)"], "mgk-rule"));
    }
    if (!nodes[i].op) {
      out.unshift(para([josa(head, "은", "는") + " 잎(leaf) 노드입니다. 모인 기울기: ",
        ["mgk-g", fmt(b.g[i])]]));
      var check = nudge(i, b.g[i]);
      if (check) out.push(check);
      return out;
    }
    out.unshift(para([head + " (연산 " + (rules[nodes[i].op] ? rules[nodes[i].op].name : nodes[i].op) +
      ") — 상류 기울기 ", ["mgk-g", fmt(b.last.upstream)], ", 입력마다 전합니다"]));
    out.push(para(["받은 기울기 = 상류 기울기 × 국소 미분 (연쇄법칙)"], "mgk-rule"));
    b.last.rows.forEach(function (row) {
      out.push(para(["→ " + nameOf(row.child, v) + ": 국소 미분 " + why(i, row)]));
      var parts = ["받은 기울기 ", ["mgk-g", fmt(b.last.upstream)], " × " + arg(row.local) + " = ",
        ["mgk-g", fmt(row.received)]];
      if (row.had) { // 여러 번 쓰인 노드: 기울기를 더한다
        parts.push("  (누적 합: " + fmt(row.before) + " + " + arg(row.received) + " = ");
        parts.push(["mgk-g", fmt(row.after)]);
        parts.push(", 여러 번 쓰인 노드라 기울기를 더합니다)");
      }
      out.push(para(parts, "mgk-why"));
    });
    var check = nudge(i, b.last.upstream);
    if (check) out.push(check);
    return out;
  }

  function render() {
    var fwd = Math.min(step, N); // 값이 계산된 노드 수
    var b = backward(Math.max(0, step - N));
    var v = calc.val;
    var valueKnown = function (i) { return i < fwd && v[i] !== undefined; };

    // 그림 속 글자
    var hide = new Set();
    slots.forEach(function (s) {
      var text = "";
      s.parts.forEach(function (part) {
        if (typeof part === "string") { text += part; return; }
        var kind = part[0], i = part[1], known;
        if (kind === "d") { known = valueKnown(i); text += known ? fmt(v[i]) : "?"; return; }
        if (kind === "g") known = b.known[i];
        else known = b.done[i];
        if (!known && s.edge) hide.add(s.edge);
        text += !known ? "?" : fmt(kind === "g" ? b.g[i] : b.sent[i][part[2]]);
      });
      if (text !== s.shown) { s.el.textContent = text; s.shown = text; }
    });
    edgeGroups.forEach(function (g) {
      var visibility = hide.has(g) ? "hidden" : "";
      if (g.style.visibility !== visibility) g.style.visibility = visibility;
    });

    // 노드마다 data-* 와 aria-label: 지금 화면에 보이는 값
    if (!shownNames) shownNames = nodes.map(function (n, k) { return nameOf(k, v); });
    nodeGroups.forEach(function (ng) {
      var i = ng.i, g = ng.el;
      var value = valueKnown(i) ? String(v[i]) : "";
      var grad = b.known[i] ? String(b.g[i]) : "";
      var label = shownNames[i];
      if (ng.value === value && ng.grad === grad && ng.label === label) return;
      ng.value = value; ng.grad = grad; ng.label = label;
      g.setAttribute("data-label", nodes[i].label);
      g.setAttribute("data-name", label);
      g.setAttribute("data-value", value);
      g.setAttribute("data-grad", grad);
      g.setAttribute("aria-label", "노드 " + label + ": 값 " +
        (value ? fmt(v[i]) : "아직 모름") + ", 기울기 " + (grad ? fmt(b.g[i]) : "아직 모름"));
    });

    // 강조 상자와 설명
    Object.keys(layers).forEach(function (k) {
      var boxes = layers[k];
      while (boxes.firstChild) boxes.removeChild(boxes.firstChild);
    });
    textBox.textContent = "";
    var now = null; // 지금 보고 있는 노드 번호 (위상 정렬 순서)
    if (step === 0) {
      textBox.appendChild(para(["처음: 아직 아무 값도 계산하지 않았습니다. '다음'(→)을 누르면 " +
        "순전파(forward)가 입력부터 한 노드씩 값을 계산합니다."]));
    } else if (step <= N) {
      var i = step - 1;
      if (v[i] === undefined) textBox.appendChild(para(["순전파 " + step + "/" + N + ": " +
        josa(nameOf(i, v), "은", "는") + " 앞의 오류 때문에 계산할 수 없습니다."]));
      else {
        (nodes[i].prev || []).forEach(function (p) { boxAround(p, "mgk-box-input mgk-fwd"); });
        boxAround(i, "mgk-box");
        describeForward(i).forEach(function (p) { textBox.appendChild(p); });
        now = i;
      }
    } else if (calc.error) {
      textBox.appendChild(para(["역전파 " + (step - N) + "/" + N + ": 순전파에서 오류가 나서 " +
        "역전파를 할 수 없습니다. 값을 고쳐 보세요."]));
    } else {
      (nodes[b.last.node].prev || []).forEach(function (p) { boxAround(p, "mgk-box-input mgk-bwd"); });
      boxAround(b.last.node, "mgk-box");
      describeBackward(b).forEach(function (p) { textBox.appendChild(p); });
      now = b.last.node;
    }
    if (calc.error) boxAround(calc.error.node, "mgk-box-error"); // 오류를 낸 노드를 빨간 테두리로
    root.setAttribute("data-step", String(step));
    root.setAttribute("data-current", now === null ? "" : String(now));
    var problems = [];
    if (inputNote) problems.push(inputNote);
    if (learnNote) problems.push(learnNote);
    if (calc.error) problems.push("계산할 수 없습니다 — " + nameOf(calc.error.node, v) + ": " +
      calc.error.message);
    else if (step > 0 && v.some(function (x, k) { return k < fwd && Number.isNaN(x); })) {
      problems.push("값이 NaN(숫자 아님)이 되었습니다: inf − inf 나 0 × inf 같은 계산이 있었습니다. " +
        "입력을 더 작은 수로 바꿔 보세요.");
    }
    errorBox.textContent = problems.join(" ");

    counter.textContent = "단계 " + step + " / " + TOTAL +
      (step === 0 ? " (시작)" : step <= N ? " (순전파)" : " (역전파)");
    buttons.first.disabled = buttons.prev.disabled = step === 0;
    buttons.next.disabled = buttons.last.disabled = step === TOTAL;
    nodes.forEach(function (n, k) {
      var input = inputs[k];
      if (input && document.activeElement !== input && input.getAttribute("aria-invalid") !== "true") {
        input.value = String(leafValues[k]);
        fitInput(input);
      }
      var slider = sliders[k];
      if (slider && document.activeElement !== slider && Number(slider.value) !== leafValues[k]) {
        if (leafValues[k] >= Number(slider.min) && leafValues[k] <= Number(slider.max)) {
          slider.value = String(leafValues[k]);
        } else sliderRange(slider, leafValues[k]);
      }
    });
    markCurrent(now !== null ? now : calc.error ? calc.error.node : null);
    writeHash();
  }

  function go(s) {
    step = Math.max(0, Math.min(TOTAL, s));
    render();
    // 누른 단추가 막히면(처음·끝) 초점을 옆 단추로: ← → 키가 계속 듣도록
    var active = document.activeElement;
    if (active && active.disabled) (step === 0 ? buttons.next : buttons.prev).focus();
  }

  // ------------------------------------------------------------ 한 걸음 학습
  function learnStep() {
    learnNote = "";
    var rate = parseNumber(lrInput.value);
    if (rate === undefined || !(rate > 0) || !Number.isFinite(rate)) {
      lrInput.setAttribute("aria-invalid", "true");
      learnNote = "학습률(lr)에는 0보다 큰 숫자를 넣어 주세요 (받은 값: '" + lrInput.value + "').";
      render();
      return;
    }
    lrInput.removeAttribute("aria-invalid");
    lr = rate;
    calc = forward();
    shownNames = null;
    if (calc.error) { render(); return; }
    var before = calc.val[R];
    var g = backward(N).g; // 역전파를 끝까지 한 기울기
    params.forEach(function (p) { leafValues[p] = leafValues[p] - lr * g[p]; }); // p ← p − lr·기울기
    learned += 1;
    calc = forward();
    shownNames = null;
    learnOut.textContent = "학습 " + learned + "걸음: 출력(손실) " + fmt(before) + " → " +
      (calc.error ? "계산할 수 없음" : fmt(calc.val[R]));
    learnOut.setAttribute("data-before", String(before));
    learnOut.setAttribute("data-after", calc.error ? "" : String(calc.val[R]));
    render();
  }

  // ------------------------------------------------------------ 주소 조각 (#step=7&a=3)
  var lastHash = null;
  function writeHash() {
    if (!cfg.standalone) return;
    var parts = ["step=" + step];
    if (lr !== DEFAULT_LR) parts.push("lr=" + encodeURIComponent(String(lr)));
    if (svgs.length > 1 && view !== "folded") parts.push("view=" + view);
    nodes.forEach(function (n, i) {
      if (n.op || Object.is(leafValues[i], original[i])) return;
      parts.push(encodeURIComponent(n.key) + "=" + encodeURIComponent(String(leafValues[i])));
    });
    var hash = "#" + parts.join("&");
    if (hash === location.hash) return;
    lastHash = hash;
    try { history.replaceState(null, "", hash); } catch (e) { location.replace(hash); }
  }
  function readHash() {
    var notes = [];
    var wanted = null;
    location.hash.replace(/^#/, "").split("&").forEach(function (pair) {
      if (!pair) return;
      var eq = pair.indexOf("="), key, raw;
      try {
        key = decodeURIComponent(eq < 0 ? pair : pair.slice(0, eq));
        raw = eq < 0 ? "" : decodeURIComponent(pair.slice(eq + 1));
      } catch (e) { notes.push("주소의 '" + pair + "'를 읽지 못해 무시했습니다."); return; }
      var x = parseNumber(raw);
      if (key === "step") {
        if (x === undefined || !Number.isInteger(x)) notes.push("주소의 step 값 '" + raw + "'는 정수가 아니라서 무시했습니다.");
        else wanted = x;
      } else if (key === "view" && svgs.length > 1) {
        if (raw === "full" || raw === "folded") setView(raw);
        else notes.push("주소의 view 값 '" + raw + "'는 full 이나 folded 가 아니라서 무시했습니다.");
      } else if (key === "lr" && lrInput) {
        if (x === undefined || !(x > 0) || !Number.isFinite(x)) notes.push("주소의 lr 값 '" + raw + "'는 0보다 큰 숫자가 아니라서 무시했습니다.");
        else { lr = x; lrInput.value = String(x); }
      } else if (keys[key] === undefined) {
        notes.push("주소의 '" + key + "'는 이 그래프의 잎 노드 이름이 아니라서 무시했습니다.");
      } else if (x === undefined) {
        notes.push("주소의 '" + key + "=" + raw + "'는 숫자가 아니라서 무시했습니다.");
      } else {
        leafValues[keys[key]] = x;
      }
    });
    inputNote = notes.join(" ");
    if (wanted !== null) step = Math.max(0, Math.min(TOTAL, wanted));
  }

  // ------------------------------------------------------------ 단추, 키, 끌기, 밀기
  if (viewButton) viewButton.addEventListener("click", function () {
    setView(view === "folded" ? "full" : "folded");
    render();
  });
  // 접은 그림의 뉴런(Σ)을 누르면 펼친 그림에서 그 뉴런을 보인다
  nodeGroups.forEach(function (ng) {
    if (ng.view !== "folded" || nodes[ng.i].op !== "linear") return;
    ng.el.classList.add("mgk-expandable");
    ng.el.setAttribute("tabindex", "0");
    ng.el.setAttribute("aria-description", "누르면 매개변수까지 펼쳐 봅니다");
    var expand = function () {
      setView("full");
      render();
      var twin = (groupsOf.full[ng.i] || [])[0];
      if (twin) reveal(twin.el);
    };
    ng.el.addEventListener("click", expand);
    ng.el.addEventListener("keydown", function (e) {
      if (e.key === "Enter" || e.key === " ") { e.preventDefault(); expand(); }
    });
  });
  setView(view);
  fitGraphBox(); // 단추의 글이 정해진 뒤에 (단추 줄의 높이가 정해진 뒤)
  buttons.first.addEventListener("click", function () { go(0); });
  buttons.prev.addEventListener("click", function () { go(step - 1); });
  buttons.next.addEventListener("click", function () { go(step + 1); });
  buttons.last.addEventListener("click", function () { go(TOTAL); });
  function resetAll() {
    leafValues = original.slice();
    Object.keys(inputs).forEach(function (k) { inputs[k].removeAttribute("aria-invalid"); });
    inputNote = ""; learnNote = "";
    if (learnOut) { learnOut.textContent = ""; learned = 0; }
    recompute();
  }
  reset.addEventListener("click", resetAll);
  if (learnButton) {
    learnButton.addEventListener("click", learnStep);
    learnReset.addEventListener("click", resetAll);
    lrInput.addEventListener("change", function () {
      var x = parseNumber(lrInput.value);
      if (x !== undefined && x > 0 && Number.isFinite(x)) { lr = x; writeHash(); }
    });
  }
  function onKey(e) {
    var tag = e.target && e.target.tagName;
    if (tag === "INPUT" || tag === "TEXTAREA" || e.altKey || e.ctrlKey || e.metaKey) return;
    var moves = { ArrowRight: step + 1, ArrowLeft: step - 1, Home: 0, End: TOTAL };
    if (!(e.key in moves)) return;
    e.preventDefault();
    go(moves[e.key]);
  }
  // 그림의 잎을 좌우로 끌어 값 바꾸기 (마우스와 터치): 한 픽셀에 밀기 막대의 한 눈금
  nodeGroups.forEach(function (ng) {
    var slider = sliders[ng.i];
    if (!slider || ng.el.getAttribute("data-output") === "1") return;
    ng.el.classList.add("mgk-draggable");
    ng.el.addEventListener("pointerdown", function (e) {
      if (slider.disabled) return;
      var x0 = e.clientX, v0 = leafValues[ng.i], unit = Number(slider.step);
      var moved = false;
      ng.el.setPointerCapture(e.pointerId);
      function move(ev) {
        var steps = Math.round((ev.clientX - x0) / 2);
        if (!steps && !moved) return;
        moved = true;
        slider.value = String(v0 + steps * unit);
        slider.dispatchEvent(new Event("input"));
      }
      function up() {
        ng.el.removeEventListener("pointermove", move);
        ng.el.removeEventListener("pointerup", up);
        ng.el.removeEventListener("pointercancel", up);
        if (!moved) slider.focus({ preventScroll: true });
      }
      ng.el.addEventListener("pointermove", move);
      ng.el.addEventListener("pointerup", up);
      ng.el.addEventListener("pointercancel", up);
      e.preventDefault();
    });
  });
  // 터치: 설명 글 칸을 왼쪽으로 밀면 다음, 오른쪽으로 밀면 이전
  var swipe = null;
  panel.addEventListener("pointerdown", function (e) {
    if (e.pointerType !== "mouse") swipe = { x: e.clientX, y: e.clientY };
  });
  panel.addEventListener("pointerup", function (e) {
    if (!swipe) return;
    var dx = e.clientX - swipe.x, dy = e.clientY - swipe.y;
    swipe = null;
    if (Math.abs(dx) > 40 && Math.abs(dx) > 1.5 * Math.abs(dy)) go(step + (dx < 0 ? 1 : -1));
  });
  panel.addEventListener("pointercancel", function () { swipe = null; });
  if (cfg.standalone) {
    document.addEventListener("keydown", onKey);
    window.addEventListener("hashchange", function () {
      if (location.hash === lastHash) return;
      leafValues = original.slice();
      readHash();
      recompute();
    });
    readHash();
  } else {
    root.tabIndex = 0;
    root.addEventListener("keydown", onKey);
  }
  recompute();
}
