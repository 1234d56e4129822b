  // 역전파 탐험기의 한 조각 — 위치 보기의 계산: 위치마다 단계, 걸음과 그 걸음까지 알려진 것.
  // explore.py 가 explore.js 부터 차례로 이어 붙여 함수 하나로 만듭니다.
  // 위치 보기(cfg.seq)는 파이썬(explore_sequence.py)이 위치마다의 손실을 더한 그래프(작은 GPT)에서
  // 찾은 것: 위치 p 의 단계 = 같은 연산, 같은 깊이의 노드들. 순전파는 위치 0 의 단계부터 차례로,
  // 평균 손실까지. 역전파는 손실에서 시작해 마지막 위치의 가장 깊은 단계부터 거꾸로.
  var seq = cfg.seq || null;
  var seqSteps = [];
  if (seq) (function () {
    seqSteps.push({ kind: "start" });
    seq.stages.forEach(function (stage, k) { seqSteps.push({ kind: "stage", dir: "f", k: k }); });
    seqSteps.push({ kind: "loss", dir: "f" }, { kind: "loss", dir: "b" });
    for (var k = seq.stages.length - 1; k >= 0; k--) seqSteps.push({ kind: "stage", dir: "b", k: k });
  })();
  var SEQ_TOTAL = seqSteps.length - 1;
  var stageOf = {}; // 노드 번호 → 단계 번호
  if (seq) seq.stages.forEach(function (stage, k) { stage.nodes.forEach(function (i) { stageOf[i] = k; }); });

  // 걸음 t 까지: 단계 k 의 값이 알려졌나, 기울기가 알려졌나
  function seqKnown(t) {
    var S = seq.stages.length;
    return {
      value: function (k) { return t >= 1 + k; },
      grad: function (k) { return t >= S + 3 + (S - 1 - k); },
      loss: t >= S + 1,
      lossGrad: t >= S + 2
    };
  }
  // 노드의 이름: 연산 표의 이름, 단계 안의 차례, 위치 (단계에 노드가 하나면 차례는 빼고)
  function seqName(i) {
    var k = stageOf[i];
    if (k === undefined) return nameOf(i);
    var stage = seq.stages[k], j = stage.nodes.indexOf(i);
    return stage.word + (stage.nodes.length > 1 ? " " + j : "") + " @" + stage.p;
  }
  // 단계의 입력들: 앞 단계의 노드, 앞 위치의 노드, 잎(매개변수)의 수
  function stageInputs(stage) {
    var leaves = {}, earlier = {}, inner = {};
    stage.nodes.forEach(function (i) {
      nodes[i].prev.forEach(function (c) {
        if (!nodes[c].op) leaves[c] = true;
        else if (seq.place[c] !== undefined && seq.place[c] < stage.p) earlier[c] = true;
        else inner[c] = true;
      });
    });
    return { leaves: Object.keys(leaves).length, earlier: Object.keys(earlier).length,
             inner: Object.keys(inner).map(Number) };
  }
  // 두 보기 사이의 걸음 맞추기 (모든 노드 보기가 있을 때)
  function scalarStepOfSeq(t) {
    var st = seqSteps[t];
    if (!st || st.kind === "start") return 0;
    if (st.kind === "loss") return st.dir === "f" ? N : N + 1;
    var first = seq.stages[st.k].nodes[0];
    return st.dir === "f" ? first + 1 : N + (R - first) + 1;
  }
  function seqStepOfScalar(p) {
    var best = 0, bestAt = -1;
    for (var t = 0; t <= SEQ_TOTAL; t++) {
      var at = scalarStepOfSeq(t);
      if (at <= p && at > bestAt) { best = t; bestAt = at; }
    }
    return best;
  }
