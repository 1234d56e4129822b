  // 역전파 탐험기의 한 조각 — 신경망 보기의 계산: 뉴런 단위의 걸음과 세 가지 기울기.
  // explore.py 가 explore.js 부터 차례로 이어 붙여 함수 하나로 만듭니다.
  // 그림(explore_net_draw.js)과 설명(explore_net_text.js)은 여기서 셈한 것만 읽습니다.
  //
  // 신경망(cfg.net)은 파이썬(explore_network.py)이 스칼라 그래프의 구조에서 찾은 것입니다:
  // 층마다 뉴런(가중합 z 노드와 출력 a 노드), 뉴런마다 가중치 w와 편향 b, 표본마다 입력 x.
  // 걸음은 뉴런 하나씩입니다. 순전파는 표본마다 입력 → 층 1 → 층 2 ... 로 값을 채우고, 손실을
  // 계산한 뒤, 역전파는 손실에서 시작해 표본마다 마지막 층부터 기울기를 채웁니다.
  // 값과 기울기는 스칼라 그래프를 그대로 계산한 것(forward, backward)에서 읽습니다.
  var net = cfg.net || null;
  var netSteps = [];
  var netPlace = {}; // "f s l j" / "b s l j" → 걸음 번호
  if (net) (function () {
    var L = net.sizes.length;
    var add = function (st) { netPlace[[st.dir, st.kind, st.s, st.l, st.j].join(" ")] = netSteps.length; netSteps.push(st); };
    add({ kind: "start" });
    net.samples.forEach(function (smp, s) {
      add({ kind: "input", dir: "f", s: s });
      for (var l = 0; l < L; l++) for (var j = 0; j < net.sizes[l]; j++) add({ kind: "neuron", dir: "f", s: s, l: l, j: j });
    });
    if (net.head.length) {
      add({ kind: "loss", dir: "f" });
      add({ kind: "loss", dir: "b" });
    }
    net.samples.forEach(function (smp, s) {
      for (var l = L - 1; l >= 0; l--) for (var j = 0; j < net.sizes[l]; j++) add({ kind: "neuron", dir: "b", s: s, l: l, j: j });
    });
  })();
  var NET_TOTAL = netSteps.length - 1;
  function netStepOf(dir, kind, s, l, j) { return netPlace[[dir, kind, s, l, j].join(" ")]; }

  // 걸음 t 까지 알려진 것: 표본 s 뉴런 (l, j)의 값과 기울기, 입력, 손실
  function netKnown(t) {
    var st = netSteps[t] || netSteps[0];
    return {
      value: function (s, l, j) { return netStepOf("f", "neuron", s, l, j) <= t; },
      input: function (s) { return netStepOf("f", "input", s) <= t; },
      grad: function (s, l, j) { return netStepOf("b", "neuron", s, l, j) <= t; },
      loss: net.head.length ? netStepOf("f", "loss") <= t : false,
      lossGrad: net.head.length ? netStepOf("b", "loss") <= t : false,
      sample: st.s === undefined ? (st.kind === "loss" || t > 0 ? null : 0) : st.s
    };
  }

  // 뉴런 하나의 노드들: 가중합 z, 출력 a, 가중치 w, 편향 b, 입력 x (노드 번호)
  function unit(s, l, j) {
    var z = net.samples[s].z[l][j];
    var m = (nodes[z].prev.length - 1) / 2;
    return { z: z, a: net.samples[s].a[l][j], w: net.params[l][j][0], b: net.params[l][j][1],
             x: nodes[z].prev.slice(m, 2 * m), act: net.activations[l] };
  }
  function neuronName(l, j) { return "뉴런 [" + (l + 1) + "][" + (j + 1) + "]"; }
  function layerName(l) {
    if (l === net.sizes.length - 1) return "출력층";
    return "은닉층 " + (l + 1);
  }

  // 순전파 한 뉴런: z = Σ wᵢ·xᵢ + b 의 항들과 a = 활성화(z)
  function neuronForward(s, l, j, v) {
    var u = unit(s, l, j);
    return { u: u, terms: u.w.map(function (w, i) { return [v[w], v[u.x[i]]]; }),
             bias: v[u.b], z: v[u.z], a: v[u.a] };
  }

  // 역전파 한 뉴런 (TensorFlow Playground 의 세 가지 양):
  // ① 출력에 대한 기울기 ∂L/∂a = Σₖ (다음 층 뉴런 k의 ∂L/∂zₖ × 그 가중치 wₖⱼ)
  //    (마지막 층이면 손실에서 바로 온 기울기)
  // ② 가중합에 대한 기울기 ∂L/∂z = ∂L/∂a × 활성화의 국소 미분
  // ③ 가중치가 받는 기울기 ∂L/∂wᵢ = ∂L/∂z × xᵢ, 편향은 ∂L/∂z × 1
  // g 는 스칼라 그래프를 끝까지 역전파한 기울기. 뉴런의 z·a 는 표본 하나에만 있으므로 g 가 곧
  // 그 뉴런의 값이고, 여러 표본이 같이 쓰는 w·b 의 몫은 여기서 따로 곱한다.
  function neuronBackward(s, l, j, v, g) {
    var u = unit(s, l, j), L = net.sizes.length;
    var from = [];
    if (l < L - 1) {
      for (var k = 0; k < net.sizes[l + 1]; k++) {
        var next = unit(s, l + 1, k);
        from.push({ k: k, dz: g[next.z], w: v[next.w[j]], wi: next.w[j] });
      }
    }
    var local = u.a === u.z ? 1 : calc.loc[u.a][0];
    return { u: u, from: from, da: g[u.a], local: local, dz: g[u.z],
             dw: u.x.map(function (x) { return g[u.z] * v[x]; }), db: g[u.z] };
  }

  // 걸음 t 까지 매개변수가 받은 기울기: 이미 지난 (표본, 뉴런) 역전파 걸음의 몫을 더한 것
  function paramGrads(t, v, g) {
    var out = {};
    for (var k = 1; k <= t; k++) {
      var st = netSteps[k];
      if (st.kind !== "neuron" || st.dir !== "b") continue;
      var u = unit(st.s, st.l, st.j);
      u.w.forEach(function (w, i) { out[w] = (out[w] || 0) + g[u.z] * v[u.x[i]]; });
      out[u.b] = (out[u.b] || 0) + g[u.z];
    }
    return out;
  }

  // 두 보기 사이의 걸음 맞추기: 신경망 걸음 t 와 같은 곳의 스칼라 걸음
  function scalarStepOf(t) {
    var st = netSteps[t];
    if (!st || st.kind === "start") return 0;
    if (st.kind === "input") return 1 + Math.max.apply(null, net.samples[st.s].x);
    if (st.kind === "loss") return st.dir === "f" ? N : N + 1;
    var u = unit(st.s, st.l, st.j);
    return st.dir === "f" ? u.a + 1 : N + (R - u.z) + 1;
  }
  function netStepOfScalar(p) { // 스칼라 걸음 p 와 같은 곳, 없으면 p 바로 앞의 곳인 신경망 걸음
    var best = 0, bestAt = -1;
    for (var t = 0; t <= NET_TOTAL; t++) {
      var at = scalarStepOf(t);
      if (at <= p && at > bestAt) { best = t; bestAt = at; }
    }
    return best;
  }

  // ------------------------------------------------------------ 뉴런 안의 걸음
  // 뉴런 하나의 스칼라 그래프를 한 노드씩: 잎(w, x, b)의 값 → 가중합 z → 활성화 a, 그리고 거꾸로.
  // 기울기는 그래프 전체를 역전파한 것: a 의 기울기는 다음 층(또는 손실)에서 모여 온 상류 기울기.
  function cellSteps(s, l, j) {
    var u = unit(s, l, j), list = [{ kind: "start" }, { kind: "leaves", dir: "f" }, { kind: "op", dir: "f", i: u.z }];
    if (u.a !== u.z) list.push({ kind: "op", dir: "f", i: u.a }, { kind: "op", dir: "b", i: u.a });
    list.push({ kind: "op", dir: "b", i: u.z });
    return list;
  }
  function cellKnown(steps, k) {
    var at = function (kind, dir, i) {
      for (var t = 0; t < steps.length; t++) {
        var st = steps[t];
        if (st.kind === kind && st.dir === dir && (i === undefined || st.i === i)) return t;
      }
      return Infinity;
    };
    var u = unit(cellParts.s, cellParts.l, cellParts.j);
    var leavesAt = at("leaves", "f"), zAt = at("op", "f", u.z), aAt = at("op", "f", u.a);
    var gaAt = at("op", "b", u.a), gzAt = at("op", "b", u.z);
    return {
      value: function (i) { return (i === u.a ? aAt : i === u.z ? zAt : leavesAt) <= k; },
      grad: function (i) { return (i === u.a ? gaAt : i === u.z ? Math.min(gaAt, gzAt) : gzAt) <= k; }
    };
  }
  function cellShare(u, i, v, g) { // 이 뉴런이 잎 i 에 보낸 기울기: w 에는 δ·x, x 에는 δ·w, b 에는 δ
    if (i === u.b) return g[u.z];
    var k = u.w.indexOf(i);
    if (k >= 0) return g[u.z] * v[u.x[k]];
    k = u.x.indexOf(i);
    return k >= 0 ? g[u.z] * v[u.w[k]] : g[i];
  }
