  // 역전파 탐험기의 한 조각 — 그리기: 걸음마다의 설명(왜, 밀어 보기)과 그림의 숫자.
  // explore.py 가 explore.js 부터 차례로 이어 붙여 함수 하나로 만듭니다.
  // ------------------------------------------------------------ 그리기
  var shownNames = null; // 노드마다 지금 값으로 지은 이름 (값이 바뀔 때만 다시)
  var fullGrads = null; // 역전파를 끝까지 한 기울기 (값이 바뀔 때만 다시)
  function recompute() { calc = forward(); shownNames = null; fullGrads = null; render(); }
  function allGrads() {
    if (!fullGrads) fullGrads = backward(N).g;
    return fullGrads;
  }

  function para(parts, cls) {
    var p = el("p", cls || "");
    parts.forEach(function (part) {
      if (typeof part === "string") p.appendChild(document.createTextNode(part));
      else p.appendChild(el("span", part[0], part[1]));
    });
    return p;
  }

  function describeForward(i, head) {
    var n = nodes[i], v = calc.val;
    head = head || "순전파 " + (i + 1) + "/" + N + ": ";
    if (!n.op) return [para([head + "잎(leaf) 노드 " + nameOf(i, v) + " = ", ["mgk-v", fmt(v[i])]])];
    var args = n.prev.map(function (p) { return arg(v[p]); });
    var expr;
    if (SYMBOLS[n.op]) expr = args[0] + " " + SYMBOLS[n.op] + " " + args[1];
    else if (n.op === "**k") expr = args[0] + " ** " + fmt(n.arg);
    else if (n.op === "neg") expr = "−" + args[0];
    else if (n.op === "linear") expr = "Σ wᵢ·xᵢ + b";
    else expr = n.op + "(" + args.join(", ") + ")";
    return [para([head + nameOf(i, v) + " = " + expr + " = ", ["mgk-v", fmt(v[i])]])];
  }

  // 국소 미분이 왜 그 값인지: 연산 표의 규칙을 학습자의 숫자로
  function why(i, row, brief) {
    var n = nodes[i], v = calc.val, rule = rules[n.op];
    var part = function (k) { // ∂(a+b)/∂a: 연산 기호가 든 이름은 괄호로
      var name = nameOf(k, v);
      return /[-+*/]/.test(name) && !/^상수 /.test(name) ? "(" + name + ")" : name;
    };
    var head = "∂" + part(i) + "/∂" + part(row.child) + " = ";
    if (n.op === "*") head += nameOf(n.prev[1 - row.j], v) + " = ";
    return head + fmt(row.local) + (rule && !brief ? " (" + rule.name + ": " + rule.rule + ")" : "");
  }

  // 확인: 지금 노드의 값을 조금 바꾸면 출력이 기울기만큼 바뀌는지 (다시 계산해서)
  function nudge(i, grad, name) {
    if (i === R) return null;
    var h = 0.001, base = calc.val[R];
    var moved = forward(calc.val[i] + h, i);
    if (moved.error || !Number.isFinite(moved.val[R]) || !Number.isFinite(base)) return null;
    var change = moved.val[R] - base;
    var out = nameOf(R, calc.val);
    return para(["확인: " + josa(name || nameOf(i, calc.val), "을", "를") + " +0.001 바꾸면 " +
      josa(out === "출력" ? out : "출력 " + out, "은", "는") + " " + (change >= 0 ? "+" : "") + fmt(change) +
      " 바뀝니다 (기울기 ", ["mgk-g", fmt(grad)], " × 0.001 = " + fmt(grad * h) + ")"], "mgk-nudge");
  }

  // 입력이 많은 노드(뉴런의 가중합 Σ)는 앞의 몇 줄과 끝 줄만 쓰고 나머지는 한 줄로 묶는다:
  // 모든 입력이 같은 규칙이고, 그 숫자는 그림에 있다.
  var SHOWN_ROWS = 6;
  function describeBackward(b, head, share) {
    var i = b.last.node, v = calc.val, out = [];
    head = head || "역전파 " + (R - i + 1) + "/" + N + ": ";
    head += nameOf(i, v);
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
    var rule = rules[nodes[i].op];
    out.unshift(para([head + " (연산 " + (rule ? rule.name : nodes[i].op) +
      ") — 상류 기울기 ", ["mgk-g", fmt(b.last.upstream)], ", 입력마다 전합니다"]));
    out.push(para(["받은 기울기 = 상류 기울기 × 국소 미분 (연쇄법칙)" +
      (b.last.rows.length > SHOWN_ROWS + 1 && rule ? " — " + rule.name + ": " + rule.rule : "")], "mgk-rule"));
    var rows = b.last.rows, many = rows.length > SHOWN_ROWS + 1;
    rows.forEach(function (row, k) {
      if (many && k >= SHOWN_ROWS - 1 && k < rows.length - 1) {
        if (k === SHOWN_ROWS - 1) {
          out.push(para(["… 입력 " + (rows.length - SHOWN_ROWS) + "개 더: 같은 규칙, 숫자는 그림에" +
            (share ? " (" + share + ")" : "")], "mgk-rule"));
        }
        return;
      }
      var parts = ["→ " + nameOf(row.child, v) + ": " + (many ? "" : "국소 미분 ") + why(i, row, many) +
        (many ? ", 받은 기울기 " : "")];
      if (many) {
        parts.push(["mgk-g", fmt(b.last.upstream)], " × " + arg(row.local) + " = ", ["mgk-g", fmt(row.received)]);
        out.push(para(parts, "mgk-row"));
        return;
      }
      out.push(para(parts));
      parts = ["받은 기울기 ", ["mgk-g", fmt(b.last.upstream)], " × " + arg(row.local) + " = ",
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

  // 스칼라 그림을 지금 걸음의 모습으로. 돌려주는 것: 지금 노드 번호 (없으면 null)
  function renderScalar() {
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

    // 노드마다 data-* 와 aria-label, 마우스를 올리면 보이는 이름: 지금 화면에 보이는 값
    nodeGroups.forEach(function (ng) {
      var i = ng.i, g = ng.el;
      var value = valueKnown(i) ? String(v[i]) : "";
      var grad = b.known[i] ? String(b.g[i]) : "";
      var label = shownNames[i];
      if (ng.value === value && ng.grad === grad && ng.label === label) return;
      if (ng.label !== label) ng.title.textContent = label;
      ng.value = value; ng.grad = grad; ng.label = label;
      g.setAttribute("data-label", nodes[i].label);
      g.setAttribute("data-name", label);
      g.setAttribute("data-value", value);
      g.setAttribute("data-grad", grad);
      g.setAttribute("aria-label", "노드 " + label + ": 값 " +
        (value ? fmt(v[i]) : "아직 모름") + ", 기울기 " + (grad ? fmt(b.g[i]) : "아직 모름"));
    });

    // 강조 상자와 설명
    while (boxLayer && boxLayer.firstChild) boxLayer.removeChild(boxLayer.firstChild);
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
    var marked = now !== null ? now : calc.error ? calc.error.node : null;
    moveMinimap(marked);
    return { now: now, marked: marked === null ? [] : (groupsOf[marked] || []).map(function (ng) { return ng.el; }) };
  }

  function totalSteps() {
    if (view === "network") return NET_TOTAL;
    if (view === "sequence") return SEQ_TOTAL;
    if (view === "neuron") return cellSteps(drill.s, drill.l, drill.j).length - 1;
    return SCALAR_TOTAL;
  }

  function render() {
    var total = totalSteps();
    var v = calc.val;
    if (!shownNames) shownNames = nodes.map(function (n, k) { return nameOf(k, v); });
    textBox.textContent = "";
    var shown;
    if (view === "full") shown = renderScalar();
    else if (view === "network") shown = renderNetwork();
    else if (view === "sequence") shown = renderSequence();
    else shown = renderNeuron();
    root.setAttribute("data-step", String(step));
    root.setAttribute("data-view", view === "neuron" ? drillKey() : view);
    root.setAttribute("data-current", shown.now === null ? "" : String(shown.now));
    var seen = view === "full" ? Math.min(step, N) : step > 0 ? N : 0; // 계산해 보인 노드 수
    var problems = [];
    if (inputNote) problems.push(inputNote);
    if (learnNote) problems.push(learnNote);
    if (calc.error) problems.push("계산할 수 없습니다 — " + nameOf(calc.error.node, v) + ": " +
      calc.error.message);
    else if (v.some(function (x, k) { return k < seen && Number.isNaN(x); })) {
      problems.push("값이 NaN(숫자 아님)이 되었습니다: inf − inf 나 0 × inf 같은 계산이 있었습니다. " +
        "입력을 더 작은 수로 바꿔 보세요.");
    }
    errorBox.textContent = problems.join(" ");

    var phase = step === 0 ? "시작" : shown.phase || (step <= total / 2 ? "순전파" : "역전파");
    counter.textContent = "단계 " + step + " / " + total + " (" + phase + ")";
    buttons.first.disabled = buttons.prev.disabled = step === 0;
    buttons.next.disabled = buttons.last.disabled = step === total;
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
    markCurrent(shown.marked);
    writeHash();
  }

  function go(s) {
    step = Math.max(0, Math.min(totalSteps(), s));
    render();
    // 누른 단추가 막히면(처음·끝) 초점을 옆 단추로: ← → 키가 계속 듣도록
    var active = document.activeElement;
    if (active && active.disabled) (step === 0 ? buttons.next : buttons.prev).focus();
  }
