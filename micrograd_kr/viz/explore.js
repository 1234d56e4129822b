function (root) {
  "use strict";
  // 역전파 탐험기(backprop explorer). 이 함수는 페이지 안에서 그대로 실행됩니다.
  // 이름표(label)는 믿을 수 없는 글이므로 언제나 textContent 나 setAttribute 로만 넣습니다.
  // 이 함수는 여러 파일에 나뉘어 있고 explore.py 가 차례로 이어 붙입니다 (PARTS).
  var cfg = JSON.parse(root.querySelector("script.mgk-data").textContent);
  var nodes = cfg.nodes;
  var N = nodes.length;
  var R = N - 1; // 출력 노드 = 위상 정렬의 마지막
  var SCALAR_TOTAL = 2 * N; // 스칼라 그림: 순전파 N 걸음 + 역전파 N 걸음
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
  // 노드의 이름: 이름표, 매개변수의 자리 이름(w[1][2,3]), 구조로 알아낸 뜻(입력 x[1], 정답 y),
  // 상수는 그 값, 이름 없는 중간 노드는 짧으면 부분식("a*b"), 길면 "노드 12 (+)".
  // 값이 바뀌면 상수의 이름도 따라 바뀝니다.
  function nameOf(i, values, depth) {
    var n = nodes[i];
    if (n.label) return !n.op && parseNumber(n.label) !== undefined ? "상수 " + n.label : n.label;
    if (n.param) return n.param;
    if (n.role) return n.role;
    if (!n.op) return "상수 " + fmt(values ? values[i] : parseNumber(n.value));
    var text = subExpr(i, values, depth === undefined ? 2 : depth);
    if (text && text.length <= 24) return text;
    return i === R ? "출력" : "노드 " + i + " (" + n.op + ")";
  }
  function operand(i, values, depth, bare) { // bare: 함수의 인자라 괄호가 필요 없음
    var n = nodes[i];
    if (n.role && !n.label) return n.role.replace(/^(입력|정답) /, "").replace(/ \(.*\)$/, "");
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
