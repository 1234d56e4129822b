  // 역전파 탐험기의 한 조각 — 상태와 계산: 순전파, 역전파.
  // explore.py 가 explore.js 부터 차례로 이어 붙여 함수 하나로 만듭니다.
  // ------------------------------------------------------------ 상태
  nodes.forEach(function (n) { // "inf" → inf (묶은 연산의 매개변수는 수의 배열)
    if (Array.isArray(n.arg)) n.arg = n.arg.map(parseNumber);
    else if (n.arg !== undefined) n.arg = parseNumber(n.arg);
  });
  var original = nodes.map(function (n) { return n.op ? undefined : parseNumber(n.value); });
  var leafValues = original.slice();
  // 주소 조각의 열쇠 → 잎 번호. 프로토타입이 없는 Map 이라 constructor·__proto__ 같은 이름도
  // 그냥 모르는 열쇠다 (열쇠는 파이썬의 assign_keys 가 step·lr·view 와 겹치지 않게 지음)
  var keys = new Map();
  nodes.forEach(function (n, i) { if (!n.op) keys.set(n.key, i); });
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
