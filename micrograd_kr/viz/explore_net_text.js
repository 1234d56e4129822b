  // 역전파 탐험기의 한 조각 — 신경망 걸음과 뉴런 안 걸음의 설명.
  // explore.py 가 explore.js 부터 차례로 이어 붙여 함수 하나로 만듭니다.
  // 역전파 한 걸음은 뉴런 하나를 세 줄로 말합니다 (TensorFlow Playground 의 세 가지 양):
  // ① 출력의 기울기 ∂L/∂a, ② 가중합의 기울기 ∂L/∂z, ③ 가중치·편향이 받는 기울기.
  var netSample = 0; // 신경망 그림이 값을 보이는 표본 (걸음을 따라간다)
  var drill = null; // 뉴런 안: {s, l, j, back: 들어오기 전의 신경망 걸음}
  var SHOWN_TERMS = 3;

  function drillKey() {
    return "n" + (drill.l + 1) + "." + (drill.j + 1) + (drill.s > 0 ? "s" + (drill.s + 1) : "");
  }
  function forwardCount() { // 순전파 걸음 수 (신경망 보기)
    var f = 0;
    netSteps.forEach(function (st) { if (st.dir === "f") f++; });
    return f;
  }
  // 곱의 합을 숫자로: (0.12)(0.5) + (−0.3)(1.1) + … 16항
  function sumText(pairs) {
    var shown = pairs.slice(0, pairs.length > SHOWN_TERMS + 1 ? SHOWN_TERMS : pairs.length);
    var text = shown.map(function (p) { return "(" + fmt(p[0]) + ")(" + fmt(p[1]) + ")"; }).join(" + ");
    if (shown.length < pairs.length) text += " + … (" + pairs.length + "항)";
    return text;
  }
  function sampleWord(s) { return net.samples.length > 1 ? ", 표본 " + (s + 1) : ""; }
  function activationRule(act) {
    if (act === "linear") return "활성화 없음: a = z 라 1";
    var rule = rules[act];
    return rule ? rule.name + ": " + rule.rule : act;
  }

  function renderNetwork() {
    buildNetwork();
    var v = calc.val, st = netSteps[step];
    var g = calc.error ? new Array(N).fill(0) : allGrads();
    if (st.s !== undefined) netSample = st.s;
    if (step === 0) netSample = 0;
    var marked = drawNetwork(step, v, g, netSample);
    var F = forwardCount(), B = NET_TOTAL - F;
    var now = null, phase = st.dir === "b" ? "역전파" : "순전파";
    var add = function (parts, cls) { textBox.appendChild(para(parts, cls)); };
    if (st.kind === "start") {
      add(["처음: 아직 아무 값도 계산하지 않았습니다. '다음'(→)을 누르면 순전파(forward)가 입력부터 " +
        "뉴런 하나씩 값을 계산하고, 손실에서 거꾸로 역전파(backward)가 뉴런 하나씩 기울기를 채웁니다."]);
      add(["원 하나가 뉴런 하나입니다: 안에 [층][번호], 오른쪽에 값(파랑)과 기울기(빨강). 선은 가중치 " +
        "(청록 양수, 주황 음수, 굵을수록 큼). 뉴런을 누르면 그 안의 스칼라 그래프(w·x + b → 활성화)를, " +
        "'모든 노드 보기'는 그래프의 모든 노드를 봅니다."], "mgk-rule");
      return { now: null, marked: [], phase: "시작" };
    }
    if (calc.error) {
      add([(st.dir === "b" ? "역전파" : "순전파") + ": 계산에서 오류가 나서 이 걸음을 보일 수 없습니다. 값을 고쳐 보세요."]);
      return { now: null, marked: [], phase: phase };
    }
    var where = function (k) { return (st.dir === "b" ? "역전파 " + (k - F) + "/" + B : "순전파 " + k + "/" + F) + " — "; };
    if (st.kind === "input") {
      var smp = net.samples[st.s], parts = [where(step) + "입력" + (net.samples.length > 1 ? " (표본 " + (st.s + 1) + ")" : "") + ": "];
      smp.x.forEach(function (x, i) {
        parts.push((i ? ", " : "") + "x[" + (i + 1) + "] = ", ["mgk-v", fmt(v[x])]);
      });
      add(parts);
      add(["데이터가 그대로 첫 층 뉴런들의 입력이 됩니다 (계산하는 것은 없습니다)."], "mgk-rule");
      return { now: smp.x[0], marked: marked, phase: phase };
    }
    if (st.kind === "loss") {
      var heads = net.head.filter(function (i) { return nodes[i].op; }).length;
      var outs = [];
      net.samples.forEach(function (smp2, s) {
        smp2.a[smp2.a.length - 1].forEach(function (a) { outs.push([s, a]); });
      });
      if (st.dir === "f") {
        add([where(step) + "손실(loss) L = ", ["mgk-v", fmt(v[R])]]);
        var preds = outs.slice(0, 4).map(function (o) { return "ŷ" + (outs.length > 1 ? "[" + (o[0] + 1) + "]" : "") + " = " + fmt(v[o[1]]); });
        add(["예측 " + preds.join(", ") + (outs.length > 4 ? ", …" : "") + " 과 정답으로 계산합니다. 손실의 노드 " +
          heads + "개는 '모든 노드 보기'에서 한 노드씩 볼 수 있습니다 (손실 원을 눌러도 됩니다)."], "mgk-rule");
      } else {
        add([where(step) + "손실 L: 자기 자신에 대한 기울기 ∂L/∂L = ", ["mgk-g", "1"], "에서 시작합니다."]);
        var grads = ["출력 뉴런이 받는 기울기 ∂L/∂ŷ: "];
        outs.slice(0, 4).forEach(function (o, k) {
          grads.push((k ? ", " : "") + (outs.length > 1 ? "표본 " + (o[0] + 1) + " " : ""), ["mgk-g", fmt(g[o[1]])]);
        });
        if (outs.length > 4) grads.push(", …");
        add(grads);
        add(["손실의 노드들을 거꾸로 지나 연쇄법칙으로 구한 값입니다 (한 노드씩은 '모든 노드 보기')."], "mgk-rule");
      }
      return { now: R, marked: marked, phase: phase };
    }
    var name = neuronName(st.l, st.j), title = where(step) + name + " (" + layerName(st.l) + sampleWord(st.s) + ")";
    if (st.dir === "f") {
      var f = neuronForward(st.s, st.l, st.j, v);
      add([title]);
      add(["가중합 z = Σ wᵢ·xᵢ + b = " + sumText(f.terms) + " + " + arg(f.bias) + " = ", ["mgk-v", fmt(f.z)]]);
      if (f.u.act === "linear") add(["활성화가 없는 층: 출력 a = z = ", ["mgk-v", fmt(f.a)]]);
      else add(["출력 a = " + ((cfg.palette || {}).activations || {})[f.u.act] + "(z) = ", ["mgk-v", fmt(f.a)]]);
      add([(st.l === 0 ? "xᵢ는 입력" : "xᵢ는 앞 층 뉴런들의 출력") + "(파란 점선), wᵢ는 들어오는 선입니다."], "mgk-rule");
      return { now: f.u.a, marked: marked, phase: phase };
    }
    var b = neuronBackward(st.s, st.l, st.j, v, g);
    add([title]);
    if (b.from.length) {
      add(["① 출력의 기울기 ∂L/∂a = Σₖ ∂L/∂zₖ·wₖ = " + sumText(b.from.map(function (k) { return [k.dz, k.w]; })) +
        " = ", ["mgk-g", fmt(b.da)]]);
      add(["zₖ는 다음 층(" + layerName(st.l + 1) + ") 뉴런들의 가중합, wₖ는 이 뉴런에서 나가는 선 (빨간 점선)"], "mgk-rule");
    } else {
      add(["① 출력의 기울기 ∂L/∂a = 손실에서 온 기울기 ", ["mgk-g", fmt(b.da)]]);
    }
    add(["② 가중합의 기울기 ∂L/∂z = ∂L/∂a × 국소 미분 = " + fmt(b.da) + " × " + arg(b.local) + " = ",
      ["mgk-g", fmt(b.dz)], " (" + activationRule(b.u.act) + ")"]);
    var ws = ["③ 가중치의 기울기 ∂L/∂wᵢ = ∂L/∂z × xᵢ: "];
    var count = b.u.w.length, shown = count > SHOWN_TERMS + 1 ? SHOWN_TERMS : count;
    for (var i = 0; i < shown; i++) {
      ws.push((i ? ", " : "") + nameOf(b.u.w[i]) + " ← " + fmt(b.dz) + " × " + arg(v[b.u.x[i]]) + " = ", ["mgk-g", fmt(b.dw[i])]);
    }
    if (shown < count) ws.push(", … (" + count + "개: 뉴런을 누르면 모두)");
    ws.push("; 편향 " + nameOf(b.u.b) + " ← " + fmt(b.dz) + " × 1 = ", ["mgk-g", fmt(b.db)]);
    add(ws);
    if (net.samples.length > 1) {
      add(["표본마다 이렇게 받은 몫을 더한 것이 매개변수의 기울기입니다 (지금은 표본 " + (st.s + 1) + "의 몫)."], "mgk-rule");
    }
    var check = nudge(b.u.a, b.da, name + "의 출력 a");
    if (check) textBox.appendChild(check);
    return { now: b.u.a, marked: marked, phase: phase };
  }

  function renderNeuron() {
    var steps = cellSteps(drill.s, drill.l, drill.j), st = steps[step];
    var v = calc.val, g = calc.error ? new Array(N).fill(0) : allGrads();
    var marked = drawNeuron(step, v, g);
    var u = unit(drill.s, drill.l, drill.j), T = steps.length - 1;
    var head = neuronName(drill.l, drill.j) + " 안 " + step + "/" + T + ": ";
    var add = function (parts, cls) { textBox.appendChild(para(parts, cls)); };
    var phase = st.dir === "b" ? "역전파" : "순전파";
    if (st.kind === "start") {
      add([neuronName(drill.l, drill.j) + sampleWord(drill.s).replace(", ", " (") + (net.samples.length > 1 ? ")" : "") +
        "의 스칼라 그래프: 가중치 wᵢ와 입력 xᵢ를 곱해 더하고 편향 b를 더한 가중합 z" +
        (u.a !== u.z ? ", 그리고 활성화 a" : "") + ". '다음'(→)으로 한 노드씩 봅니다."]);
      add(["'← 신경망으로'를 누르면 신경망 보기의 그 걸음으로 돌아갑니다."], "mgk-rule");
      return { now: null, marked: [], phase: "시작" };
    }
    if (calc.error) {
      add([head + "계산에서 오류가 나서 이 걸음을 보일 수 없습니다. 값을 고쳐 보세요."]);
      return { now: null, marked: [], phase: phase };
    }
    if (st.kind === "leaves") {
      add([head + "잎(leaf) 노드들의 값: 가중치 " + u.w.length + "개, 입력 " + u.x.length + "개" +
        (drill.l > 0 ? "(앞 층 뉴런들의 출력)" : "") + ", 편향 " + nameOf(u.b) + " = ", ["mgk-v", fmt(v[u.b])]]);
      add(["숫자는 그림의 상자마다 파랑으로 적혀 있습니다."], "mgk-rule");
      return { now: u.b, marked: marked, phase: phase };
    }
    if (st.dir === "f") {
      describeForward(st.i, head).forEach(function (p) { textBox.appendChild(p); });
      if (st.i === u.z) add(["= " + sumText(u.w.map(function (w, k) { return [v[w], v[u.x[k]]]; })) + " + " + arg(v[u.b])], "mgk-rule");
      return { now: st.i, marked: marked, phase: phase };
    }
    var rows = nodes[st.i].prev.map(function (c, j) {
      var local = calc.loc[st.i][j];
      return { child: c, j: j, local: local, received: g[st.i] * local, had: false };
    });
    var b = { last: { node: st.i, upstream: g[st.i], rows: rows }, g: g };
    describeBackward(b, head, "이 뉴런이 보낸 몫").forEach(function (p) { textBox.appendChild(p); });
    if (st.i === u.a) add(["상류 기울기는 " + (drill.l === net.sizes.length - 1 ? "손실" : "다음 층 뉴런들") +
      "에서 모여 온 것입니다."], "mgk-rule");
    return { now: st.i, marked: marked, phase: phase };
  }
