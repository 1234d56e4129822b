  // 역전파 탐험기의 한 조각 — 위치 보기의 그림과 설명: 위치마다 한 줄(세로), 단계마다 한 칸.
  // explore.py 가 explore.js 부터 차례로 이어 붙여 함수 하나로 만듭니다.
  // 칸에는 연산 이름과 노드 수, 첫 노드의 값(파랑)과 기울기(빨강). 왼쪽에 위치 0 의 단계 이름.
  var SEQ = { head: 190, col: 92, row: 46, top: 40, cellW: 84, cellH: 40 };
  var seqSvg = null, seqParts = null;
  function buildSequence() {
    if (!seq || seqSvg) return;
    var depthRows = 0;
    seq.stages.forEach(function (s) { depthRows = Math.max(depthRows, s.depth + 1); });
    var width = SEQ.head + seq.positions * SEQ.col + 10, height = SEQ.top + (depthRows + 1) * SEQ.row + 10;
    seqSvg = svgEl("svg", { "data-view": "sequence", "class": "mgk-net mgk-seq", viewBox: "0 0 " + width + " " + height,
                            width: width, height: height, role: "group", "aria-label": "위치 보기" });
    var marks = svgEl("g", { "class": "mgk-net-marks" }, seqSvg);
    var parts = { width: width, height: height, cells: [], marks: marks, loss: null };
    for (var p = 0; p < seq.positions; p++) {
      svgEl("text", { x: SEQ.head + p * SEQ.col + SEQ.cellW / 2, y: 24, "text-anchor": "middle", "class": "mgk-net-title" }, seqSvg, "위치 " + p);
    }
    var named = {};
    seq.stages.forEach(function (stage, k) {
      var x = SEQ.head + stage.p * SEQ.col, y = SEQ.top + stage.depth * SEQ.row;
      if (!named[stage.depth]) { // 줄 이름: 처음 나온 단계(위치 0)의 연산 이름
        named[stage.depth] = true;
        svgEl("text", { x: SEQ.head - 8, y: y + SEQ.cellH / 2 + 4, "text-anchor": "end", "class": "mgk-seq-row" }, seqSvg, stage.role || stage.word);
      }
      var g = svgEl("g", { "class": "mgk-unit mgk-stage", role: "img", "data-stage": String(k) }, seqSvg);
      var title = svgEl("title", {}, g, "");
      svgEl("rect", { x: x, y: y, width: SEQ.cellW, height: SEQ.cellH, rx: 5, "class": "mgk-seq-cell" }, g);
      svgEl("text", { x: x + 5, y: y + 13, "class": "mgk-cell-name" }, g, "×" + stage.nodes.length);
      var v = svgEl("text", { x: x + 5, y: y + 25, "class": "mgk-unit-v" }, g, "");
      var gr = svgEl("text", { x: x + 5, y: y + 37, "class": "mgk-unit-g" }, g, "");
      parts.cells.push({ el: g, v: v, g: gr, title: title, x: x, y: y });
    });
    var ly = SEQ.top + depthRows * SEQ.row, lx = SEQ.head + (seq.positions - 1) * SEQ.col;
    svgEl("text", { x: SEQ.head - 8, y: ly + SEQ.cellH / 2 + 4, "text-anchor": "end", "class": "mgk-seq-row" }, seqSvg, "평균 손실 L");
    var lg = svgEl("g", { "class": "mgk-unit mgk-loss", role: "img" }, seqSvg);
    var lt = svgEl("title", {}, lg, "");
    svgEl("rect", { x: lx, y: ly, width: SEQ.cellW, height: SEQ.cellH, rx: 5, "class": "mgk-seq-cell mgk-seq-loss" }, lg);
    svgEl("text", { x: lx + 5, y: ly + 13, "class": "mgk-cell-name" }, lg, "L");
    parts.loss = { el: lg, v: svgEl("text", { x: lx + 5, y: ly + 25, "class": "mgk-unit-v" }, lg, ""),
                   g: svgEl("text", { x: lx + 5, y: ly + 37, "class": "mgk-unit-g" }, lg, ""), title: lt, x: lx, y: ly };
    seqParts = parts;
    graphBox.appendChild(seqSvg);
  }
  function fitSequence() {
    if (!seqSvg) return;
    var W = seqParts.width, H = seqParts.height, scale = 1;
    if (zoom.fit) {
      var sw = (graphBox.clientWidth - 4) / W, sh = (graphBox.clientHeight - 4) / H;
      scale = Math.min(1.3, sw, Math.max(sh, Math.min(sw, 0.55)));
    }
    seqSvg.setAttribute("width", String(Math.floor(W * scale)));
    seqSvg.setAttribute("height", String(Math.floor(H * scale)));
  }
  function drawSequence(t, v, g) {
    var known = seqKnown(t), st = seqSteps[t];
    var set = function (c, value, grad, name) {
      var vt = value === undefined ? "" : fmt(value), gt = grad === undefined ? "" : fmt(grad);
      if (c.vt !== vt) { c.v.textContent = vt; c.vt = vt; c.el.setAttribute("data-value", value === undefined ? "" : String(value)); }
      if (c.gt !== gt) { c.g.textContent = gt; c.gt = gt; c.el.setAttribute("data-grad", grad === undefined ? "" : String(grad)); }
      var label = name + ": 첫 노드의 값 " + (vt || "아직 모름") + ", 기울기 " + (gt || "아직 모름");
      if (c.label !== label) { c.label = label; c.el.setAttribute("aria-label", label); c.title.textContent = label; }
    };
    seq.stages.forEach(function (stage, k) {
      var first = stage.nodes[0];
      set(seqParts.cells[k], known.value(k) ? v[first] : undefined, known.grad(k) ? g[first] : undefined,
        (stage.role || stage.word) + " ×" + stage.nodes.length + " @" + stage.p);
    });
    set(seqParts.loss, known.loss ? v[R] : undefined, known.lossGrad ? 1 : undefined, "평균 손실 L");
    var marks = seqParts.marks;
    while (marks.firstChild) marks.removeChild(marks.firstChild);
    var ring = function (c, cls) {
      svgEl("rect", { x: c.x - 4, y: c.y - 4, width: SEQ.cellW + 8, height: SEQ.cellH + 8, rx: 7, "class": cls }, marks);
      return c.el;
    };
    if (st.kind === "loss") {
      seq.losses.forEach(function (i) { ring(seqParts.cells[stageOf[i]], "mgk-box-input " + (st.dir === "f" ? "mgk-fwd" : "mgk-bwd")); });
      return [ring(seqParts.loss, "mgk-box")];
    }
    if (st.kind !== "stage") return [];
    var stage = seq.stages[st.k], cls = "mgk-box-input " + (st.dir === "f" ? "mgk-fwd" : "mgk-bwd");
    var shown = {};
    stage.nodes.forEach(function (i) {
      nodes[i].prev.forEach(function (c) {
        var k = stageOf[c];
        if (k !== undefined && !shown[k]) { shown[k] = true; ring(seqParts.cells[k], cls); }
      });
    });
    return [ring(seqParts.cells[st.k], "mgk-box")];
  }

  // ------------------------------------------------------------ 설명
  function renderSequence() {
    buildSequence();
    var v = calc.val, st = seqSteps[step];
    var g = calc.error ? new Array(N).fill(0) : allGrads();
    var marked = drawSequence(step, v, g);
    var S = seq.stages.length, add = function (parts, cls) { textBox.appendChild(para(parts, cls)); };
    var phase = st.dir === "b" ? "역전파" : "순전파";
    if (st.kind === "start") {
      add(["처음: 아직 아무 값도 계산하지 않았습니다. 위치(토큰) " + seq.positions + "개마다 같은 단계를 " +
        "거쳐 다음 토큰의 손실을 구하고, 그 평균이 손실 L입니다. '다음'(→)으로 한 단계씩 봅니다."]);
      add(["칸 하나가 한 단계입니다: 같은 연산, 같은 깊이의 노드들 (×노드 수). 칸의 숫자는 첫 노드의 " +
        "값(파랑)과 기울기(빨강)." + (cfg.full ? " '모든 노드 보기'는 그래프의 모든 노드를 그립니다." :
        " 노드가 " + N + "개라 스칼라 그림은 만들지 않았습니다.")], "mgk-rule");
      return { now: null, marked: [], phase: "시작" };
    }
    if (calc.error) {
      add([phase + ": 계산에서 오류가 나서 이 걸음을 보일 수 없습니다. 값을 고쳐 보세요."]);
      return { now: null, marked: [], phase: phase };
    }
    var where = st.dir === "b" ? "역전파 " + (step - S - 1) + "/" + (S + 1) : "순전파 " + step + "/" + (S + 1);
    if (st.kind === "loss") {
      if (st.dir === "f") {
        add([where + " — 평균 손실 L = (위치마다 손실의 합) × 1/" + seq.positions + " = ", ["mgk-v", fmt(v[R])]]);
        var each = seq.losses.slice(0, 6).map(function (i) { return fmt(v[i]); }).join(", ");
        add(["위치마다 손실: " + each + (seq.losses.length > 6 ? ", …" : "")], "mgk-rule");
      } else {
        add([where + " — 평균 손실 L: ∂L/∂L = ", ["mgk-g", "1"], "에서 시작합니다. 위치마다 손실이 받는 " +
          "기울기는 1/" + seq.positions + " = ", ["mgk-g", fmt(g[seq.losses[0]])]]);
      }
      return { now: R, marked: marked, phase: phase };
    }
    var stage = seq.stages[st.k], first = stage.nodes[0], rule = rules[stage.op];
    var ins = stageInputs(stage);
    var role = stage.role && stage.role.indexOf(stage.word) < 0 ? stage.role + " · " + stage.word : stage.role || stage.word;
    add([where + " — 위치 " + stage.p + ": " + role + " ×" + stage.nodes.length]);
    if (st.dir === "f") {
      add(["첫 노드 " + seqName(first) + " = ", ["mgk-v", fmt(v[first])], " (입력 " + nodes[first].prev.length + "개)"]);
    } else {
      add(["첫 노드 " + seqName(first) + "의 기울기 ", ["mgk-g", fmt(g[first])],
        " — 노드마다 받은 기울기 × 국소 미분을 입력에 전합니다"]);
    }
    if (rule) add(["국소 미분: " + rule.name + " — " + rule.rule], "mgk-rule");
    var from = [];
    if (ins.inner.length) {
      var names = {};
      ins.inner.forEach(function (c) { var k = stageOf[c]; if (k !== undefined) names[seq.stages[k].word] = true; });
      from.push("앞 단계(" + Object.keys(names).join(", ") + ")");
    }
    if (ins.earlier) from.push("앞 위치의 노드 " + ins.earlier + "개 (" + stage.earlier.map(function (p) { return "@" + p; }).join(" ") + ": 지난 토큰을 봄)");
    if (ins.leaves) from.push("매개변수 " + ins.leaves + "개");
    if (from.length) add(["입력: " + from.join(", ")], "mgk-rule");
    if (st.dir === "b") {
      var check = nudge(first, g[first], seqName(first));
      if (check) textBox.appendChild(check);
    }
    return { now: first, marked: marked, phase: phase };
  }
