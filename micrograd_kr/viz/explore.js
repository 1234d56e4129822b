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
  function nameOf(i, values) {
    var n = nodes[i];
    if (n.label) return n.label;
    if (!n.op) return "상수 " + fmt(values ? values[i] : parseNumber(n.value));
    return "(" + n.op + ") 노드";
  }
  function quoted(i, values) { // 엔진의 오류 메시지와 같은 꼴: 'b' 또는 Value(0)
    var n = nodes[i];
    return n.label ? "'" + n.label + "'" : "Value(" + fmt(values[i]) + ")";
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
  var original = nodes.map(function (n) { return n.op ? undefined : parseNumber(n.value); });
  var leafValues = original.slice();
  var keys = {};
  nodes.forEach(function (n, i) { if (!n.op) keys[n.key] = i; });
  var step = 0;
  var calc = null; // 순전파 결과: {val, loc, error}

  function forward() {
    var val = new Array(N), loc = new Array(N), error = null;
    for (var i = 0; i < N; i++) {
      var n = nodes[i];
      if (!n.op) { val[i] = leafValues[i]; loc[i] = []; continue; }
      var xs = n.prev.map(function (p) { return val[p]; });
      try {
        var r = OPS[n.op](xs, n.arg, n, val);
        val[i] = r[0]; loc[i] = r[1];
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
        var received = calc.loc[i][j] * g[i]; // 연쇄법칙: 상류 기울기 × 국소 미분
        rows.push({ child: c, local: calc.loc[i][j], received: received,
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
  var graphBox = root.querySelector(".mgk-graph");
  var svg = graphBox.querySelector("svg");
  var heading = el("h2", "", "역전파 탐험기 — " + cfg.title);
  var controls = el("div", "mgk-controls");
  var buttons = {};
  [["first", "처음"], ["prev", "이전"], ["next", "다음"], ["last", "끝"]].forEach(function (b) {
    var button = el("button", "mgk-" + b[0], b[1]);
    button.type = "button";
    buttons[b[0]] = button;
    controls.appendChild(button);
  });
  var counter = el("span", "mgk-counter");
  counter.setAttribute("aria-live", "polite");
  controls.appendChild(counter);
  controls.appendChild(el("span", "mgk-hint", cfg.standalone ? "← → 키로도 넘깁니다" :
    "그림을 한 번 누르면 ← → 키로도 넘깁니다"));
  var textBox = el("div", "mgk-text");
  textBox.setAttribute("aria-live", "polite");
  var errorBox = el("div", "mgk-error");
  errorBox.setAttribute("role", "alert");
  var fields = el("fieldset");
  fields.appendChild(el("legend", "", "값 바꿔 보기 (what-if): 잎(leaf) 노드의 값을 바꾸면 모든 값과 기울기를 다시 계산합니다"));
  var leafBox = el("div", "mgk-leaves");
  fields.appendChild(leafBox);
  var reset = el("button", "mgk-reset", "처음 값으로");
  reset.type = "button";
  fields.appendChild(reset);
  var inputs = {};
  nodes.forEach(function (n, i) {
    if (n.op) return;
    var label = el("label");
    label.appendChild(el("span", "", nameOf(i)));
    var input = el("input");
    input.type = "text";
    input.inputMode = "decimal";
    input.setAttribute("data-key", n.key);
    input.setAttribute("aria-label", nameOf(i) + "의 값");
    input.value = String(original[i]);
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
      leafValues[i] = x;
      recompute();
    });
    inputs[i] = input;
    label.appendChild(input);
    leafBox.appendChild(label);
  });
  var inputNote = "";
  root.insertBefore(heading, graphBox);
  root.insertBefore(controls, graphBox);
  root.insertBefore(textBox, graphBox);
  root.insertBefore(errorBox, graphBox);
  root.appendChild(fields);

  // 그림 속 글자와 노드: 파이썬이 붙여 둔 data-t (글자 틀 번호), data-node (노드 번호)
  var slots = Array.prototype.map.call(svg.querySelectorAll("text[data-t]"), function (t) {
    var parts = cfg.texts[Number(t.getAttribute("data-t"))];
    var group = t.closest("g.edge");
    return { el: t, parts: parts, edge: group, shown: null };
  });
  var edgeGroups = [];
  slots.forEach(function (s) { if (s.edge && edgeGroups.indexOf(s.edge) < 0) edgeGroups.push(s.edge); });
  var nodeGroups = Array.prototype.map.call(svg.querySelectorAll("g[data-node]"), function (g) {
    g.setAttribute("role", "img");
    return { el: g, i: Number(g.getAttribute("data-node")) };
  });
  var layer = svg.querySelector("g.graph") || svg;
  var boxes = document.createElementNS(SVGNS, "g"); // 강조 상자는 그림의 맨 뒤(배경 바로 위)에
  boxes.setAttribute("class", "mgk-boxes");
  var background = layer.querySelector(":scope > polygon");
  layer.insertBefore(boxes, background ? background.nextSibling : layer.firstChild);

  // 노드의 자리는 바뀌지 않으므로 테두리 상자는 처음에 한 번만 잰다 (걸음마다 재면 느림)
  var groupsOf = {};
  nodeGroups.forEach(function (ng) {
    if (ng.el.getAttribute("data-output") === "1") return;
    (groupsOf[ng.i] = groupsOf[ng.i] || []).push(ng);
  });
  nodeGroups.forEach(function (ng) { ng.box = ng.el.getBBox(); });
  function boxAround(i, cls) {
    (groupsOf[i] || []).forEach(function (ng) {
      var b = ng.box;
      var r = document.createElementNS(SVGNS, "rect");
      r.setAttribute("x", b.x - 4); r.setAttribute("y", b.y - 4);
      r.setAttribute("width", b.width + 8); r.setAttribute("height", b.height + 8);
      r.setAttribute("rx", 6);
      r.setAttribute("class", cls);
      boxes.appendChild(r);
    });
  }

  // ------------------------------------------------------------ 그리기
  function recompute() { calc = forward(); render(); }

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
    var args = n.prev.map(function (p) { return fmt(v[p]); });
    var expr;
    if (SYMBOLS[n.op]) expr = args[0] + " " + SYMBOLS[n.op] + " " + args[1];
    else if (n.op === "**k") expr = args[0] + " ** " + fmt(n.arg);
    else if (n.op === "neg") expr = "−(" + args[0] + ")";
    else if (n.op === "linear") expr = "Σ wᵢ·xᵢ + b";
    else expr = n.op + "(" + args.join(", ") + ")";
    return [para(["순전파 " + (i + 1) + "/" + N + ": " + nameOf(i, v) + " = " + expr + " = ",
      ["mgk-v", fmt(v[i])]])];
  }

  function describeBackward(b) {
    var i = b.last.node, v = calc.val, out = [];
    var head = "역전파 " + (R - i + 1) + "/" + N + ": " + nameOf(i, v);
    if (!nodes[i].op) {
      out.push(para([head + "은(는) 잎(leaf) 노드입니다. 모인 기울기: ", ["mgk-g", fmt(b.g[i])]]));
      return out;
    }
    out.push(para([head + " (연산 " + nodes[i].op + ") — 기울기 ", ["mgk-g", fmt(b.last.upstream)],
      ", 입력마다 나눠 줍니다"]));
    out.push(para(["상류 기울기 × 국소 미분 = 받은 몫"], "mgk-rule"));
    b.last.rows.forEach(function (row) {
      var parts = ["→ " + nameOf(row.child, v) + ": ", ["mgk-g", fmt(b.last.upstream)], " × " +
        fmt(row.local) + " = ", ["mgk-g", fmt(row.received)]];
      if (row.had) { // 여러 번 쓰인 노드: 기울기를 더한다
        parts.push("  (누적 합: " + fmt(row.before) + " + " + fmt(row.received) + " = ");
        parts.push(["mgk-g", fmt(row.after)]);
        parts.push(", 여러 번 쓰인 노드라 기울기를 더합니다)");
      }
      out.push(para(parts));
    });
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
    nodeGroups.forEach(function (ng) {
      var i = ng.i, g = ng.el;
      var value = valueKnown(i) ? String(v[i]) : "";
      var grad = b.known[i] ? String(b.g[i]) : "";
      if (ng.value === value && ng.grad === grad) return;
      ng.value = value; ng.grad = grad;
      g.setAttribute("data-label", nodes[i].label);
      g.setAttribute("data-value", value);
      g.setAttribute("data-grad", grad);
      g.setAttribute("aria-label", "노드 " + nameOf(i, v) + ": 값 " +
        (value ? fmt(v[i]) : "아직 모름") + ", 기울기 " + (grad ? fmt(b.g[i]) : "아직 모름"));
    });

    // 강조 상자와 설명
    while (boxes.firstChild) boxes.removeChild(boxes.firstChild);
    textBox.textContent = "";
    if (step === 0) {
      textBox.appendChild(para(["처음: 아직 아무 값도 계산하지 않았습니다. '다음'(→)을 누르면 " +
        "순전파(forward)가 입력부터 한 노드씩 값을 계산합니다."]));
    } else if (step <= N) {
      var i = step - 1;
      if (v[i] === undefined) textBox.appendChild(para(["순전파 " + step + "/" + N + ": " +
        nameOf(i, v) + "은(는) 앞의 오류 때문에 계산할 수 없습니다."]));
      else {
        (nodes[i].prev || []).forEach(function (p) { boxAround(p, "mgk-box-input mgk-fwd"); });
        boxAround(i, "mgk-box");
        describeForward(i).forEach(function (p) { textBox.appendChild(p); });
      }
    } else if (calc.error) {
      textBox.appendChild(para(["역전파 " + (step - N) + "/" + N + ": 순전파에서 오류가 나서 " +
        "역전파를 할 수 없습니다. 값을 고쳐 보세요."]));
    } else {
      (nodes[b.last.node].prev || []).forEach(function (p) { boxAround(p, "mgk-box-input mgk-bwd"); });
      boxAround(b.last.node, "mgk-box");
      describeBackward(b).forEach(function (p) { textBox.appendChild(p); });
    }
    // 지금 보고 있는 노드 번호 (위상 정렬 순서; 시작이나 오류 때는 빈 글)
    var now = step === 0 ? "" : step <= N ? (v[step - 1] === undefined ? "" : String(step - 1)) :
      calc.error ? "" : String(b.last.node);
    root.setAttribute("data-step", String(step));
    root.setAttribute("data-current", now);
    var problems = [];
    if (inputNote) problems.push(inputNote);
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
      }
    });
    writeHash();
  }

  function go(s) {
    step = Math.max(0, Math.min(TOTAL, s));
    render();
  }

  // ------------------------------------------------------------ 주소 조각 (#step=7&a=3)
  var lastHash = null;
  function writeHash() {
    if (!cfg.standalone) return;
    var parts = ["step=" + step];
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

  // ------------------------------------------------------------ 단추와 키
  buttons.first.addEventListener("click", function () { go(0); });
  buttons.prev.addEventListener("click", function () { go(step - 1); });
  buttons.next.addEventListener("click", function () { go(step + 1); });
  buttons.last.addEventListener("click", function () { go(TOTAL); });
  reset.addEventListener("click", function () {
    leafValues = original.slice();
    Object.keys(inputs).forEach(function (k) { inputs[k].removeAttribute("aria-invalid"); });
    inputNote = "";
    recompute();
  });
  function onKey(e) {
    var tag = e.target && e.target.tagName;
    if (tag === "INPUT" || tag === "TEXTAREA" || e.altKey || e.ctrlKey || e.metaKey) return;
    var moves = { ArrowRight: step + 1, ArrowLeft: step - 1, Home: 0, End: TOTAL };
    if (!(e.key in moves)) return;
    e.preventDefault();
    go(moves[e.key]);
  }
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
