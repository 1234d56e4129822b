  // 역전파 탐험기의 한 조각 — 보기 바꾸기, 한 걸음 학습, 주소 조각, 단추·키·끌기·밀기.
  // explore.py 가 explore.js 부터 차례로 이어 붙여 함수 하나로 만듭니다.
  // ------------------------------------------------------------ 메시지에 되돌려 적는 글
  function shortText(text, limit) { // 주소 조각처럼 바깥에서 온 글은 짧게 (가운데를 … 로)
    text = String(text);
    limit = limit || 40;
    if (text.length <= limit) return text;
    return text.slice(0, Math.ceil(limit * 2 / 3)) + "…" + text.slice(-Math.floor(limit / 3)) +
      " (" + text.length + "자)";
  }

  // ------------------------------------------------------------ 보기
  // 신경망 보기(network) ↔ 모든 노드(full): 같은 곳의 걸음으로 옮긴다. 뉴런 안(neuron)은
  // 신경망 보기에서 뉴런을 눌러 들어가고, '← 신경망으로'로 들어온 걸음에 돌아간다.
  function showView(v) {
    view = v;
    if (v === "full" && !scalarReady) { // 처음 볼 때 그림을 놓고 잰다 (잴 때는 보여야 한다)
      if (netSvg) netSvg.style.display = "none";
      if (cellSvg) cellSvg.style.display = "none";
      if (seqSvg) seqSvg.style.display = "none";
      initScalar();
    }
    if (v === "sequence") buildSequence();
    if (seqSvg) seqSvg.style.display = v === "sequence" ? "" : "none";
    if (fullSvg) fullSvg.style.display = v === "full" ? "" : "none";
    if (v === "network") buildNetwork();
    if (netSvg) netSvg.style.display = v === "network" ? "" : "none";
    if (cellSvg) cellSvg.style.display = v === "neuron" ? "" : "none";
    // 뉴런 안에서는 '모든 노드 보기' 자리에 '← 신경망으로' (폭이 같아 단추 줄이 다시 흐르지 않는다)
    backButton.hidden = v !== "neuron";
    if (viewButton) viewButton.hidden = v === "neuron";
    if (viewButton) {
      viewButton.textContent = v !== "full" ? "모든 노드 보기" : net ? "신경망 보기" : "위치 보기";
      viewButton.setAttribute("aria-pressed", v === "full" ? "true" : "false");
      viewButton.title = v !== "full" ? "매개변수까지 그래프의 모든 노드를 그리고 한 노드씩 넘깁니다" :
        net ? "층마다 뉴런 원으로, 뉴런 하나씩 넘깁니다" : "위치마다 단계로 묶어 한 단계씩 넘깁니다";
    }
    applyZoom();
    drawMinimap();
  }
  function cellStepFor(s, l, j, t) { // 신경망 걸음 t 에서 뉴런 안으로 들어갈 때의 걸음
    var steps = cellSteps(s, l, j), f = netStepOf("f", "neuron", s, l, j), b = netStepOf("b", "neuron", s, l, j);
    if (t >= b) return steps.length - 1;
    if (t >= f) return steps.findIndex(function (st) { return st.dir === "b"; }) - 1;
    return 0;
  }
  function enterNeuron(s, l, j) {
    var back = view === "neuron" ? drill.back : view === "network" ? step : netStepOfScalar(step);
    drill = { s: s, l: l, j: j, back: back };
    buildNeuron(s, l, j);
    showView("neuron");
    step = cellStepFor(s, l, j, back);
    graphBox.scrollTo({ left: 0, top: 0, behavior: "instant" });
    render();
  }
  function leaveNeuron() {
    step = drill.back;
    drill = null;
    showView("network");
    render();
  }
  function toggleView() {
    if (view === "full") {
      var t = net ? netStepOfScalar(step) : seqStepOfScalar(step);
      showView(net ? "network" : "sequence");
      step = t;
    } else if (view === "sequence") {
      var q = scalarStepOfSeq(step);
      showView("full");
      step = q;
    } else {
      var p = scalarStepOf(view === "neuron" ? drill.back : step);
      drill = null;
      showView("full");
      step = p;
    }
    render();
  }

  // ------------------------------------------------------------ 한 걸음 학습
  function learnStep() {
    learnNote = "";
    var rate = parseNumber(lrInput.value);
    if (rate === undefined || !(rate > 0) || !Number.isFinite(rate)) {
      lrInput.setAttribute("aria-invalid", "true");
      learnNote = "학습률(lr)에는 0보다 큰 숫자를 넣어 주세요 (받은 값: '" + shortText(lrInput.value) + "').";
      render();
      return;
    }
    lrInput.removeAttribute("aria-invalid");
    lr = rate;
    calc = forward();
    shownNames = null; fullGrads = null;
    if (calc.error) { render(); return; }
    var before = calc.val[R];
    var g = backward(N).g; // 역전파를 끝까지 한 기울기
    params.forEach(function (p) { leafValues[p] = leafValues[p] - lr * g[p]; }); // p ← p − lr·기울기
    learned += 1;
    calc = forward();
    shownNames = null; fullGrads = null;
    learnOut.textContent = "학습 " + learned + "걸음: 출력(손실) " + fmt(before) + " → " +
      (calc.error ? "계산할 수 없음" : fmt(calc.val[R]));
    learnOut.setAttribute("data-before", String(before));
    learnOut.setAttribute("data-after", calc.error ? "" : String(calc.val[R]));
    render();
  }

  // ------------------------------------------------------------ 주소 조각 (#step=7&a=3)
  // step, lr, view 는 정해진 열쇠, 나머지는 잎의 열쇠(파이썬의 assign_keys 가 겹치지 않게 지음).
  // view: network (신경망), full (모든 노드), n2.3 (뉴런 [2][3] 안), n2.3s4 (그 뉴런, 표본 4).
  var lastHash = null;
  function viewWord() {
    if (view === "neuron") return drillKey();
    return view;
  }
  function writeHash() {
    if (!cfg.standalone) return;
    var parts = ["step=" + step];
    if (lr !== DEFAULT_LR) parts.push("lr=" + encodeURIComponent(String(lr)));
    if (viewWord() !== cfg.view) parts.push("view=" + viewWord());
    nodes.forEach(function (n, i) {
      if (n.op || Object.is(leafValues[i], original[i])) return;
      parts.push(encodeURIComponent(n.key) + "=" + encodeURIComponent(String(leafValues[i])));
    });
    var hash = "#" + parts.join("&");
    if (hash === location.hash) return;
    lastHash = hash;
    try { history.replaceState(null, "", hash); } catch (e) { location.replace(hash); }
  }
  var MAX_NOTES = 3; // 주소에서 무시한 것을 알리는 글은 이만큼만 (2만 개여도 메시지는 짧게)
  function readHash() {
    var notes = [], skipped = 0;
    var note = function (text) { if (notes.length < MAX_NOTES) notes.push(text); else skipped++; };
    var wanted = null, wantedView = null;
    location.hash.replace(/^#/, "").split("&").forEach(function (pair) {
      if (!pair) return;
      var eq = pair.indexOf("="), key, raw;
      try {
        key = decodeURIComponent(eq < 0 ? pair : pair.slice(0, eq));
        raw = eq < 0 ? "" : decodeURIComponent(pair.slice(eq + 1));
      } catch (e) { note("주소의 '" + shortText(pair) + "'를 읽지 못해 무시했습니다."); return; }
      var x = parseNumber(raw);
      if (key === "step") {
        if (x === undefined || !Number.isInteger(x)) note("주소의 step 값 '" + shortText(raw) + "'는 정수가 아니라서 무시했습니다.");
        else wanted = x;
      } else if (key === "view") {
        var cell = /^n(\d+)\.(\d+)(?:s(\d+))?$/.exec(raw);
        var okCell = cell && net && Number(cell[1]) >= 1 && Number(cell[1]) <= net.sizes.length &&
          Number(cell[2]) >= 1 && Number(cell[2]) <= net.sizes[Number(cell[1]) - 1] &&
          (!cell[3] || (Number(cell[3]) >= 1 && Number(cell[3]) <= net.samples.length));
        if ((raw === "full" && cfg.full) || (net && (raw === "network" || raw === "folded"))) wantedView = raw === "full" ? "full" : "network";
        else if (seq && raw === "sequence") wantedView = "sequence";
        else if (okCell) wantedView = cell;
        else note("주소의 view 값 '" + shortText(raw) + "'는 " + (net ? "network, full 이나 n층.번호(예: n1.2)가" : seq ? (cfg.full ? "sequence 나 full 이" : "sequence 가") : "full 이") + " 아니라서 무시했습니다.");
      } else if (key === "lr" && lrInput) {
        if (x === undefined || !(x > 0) || !Number.isFinite(x)) note("주소의 lr 값 '" + shortText(raw) + "'는 0보다 큰 숫자가 아니라서 무시했습니다.");
        else { lr = x; lrInput.value = String(x); }
      } else if (!keys.has(key)) {
        note("주소의 '" + shortText(key) + "'는 이 그래프의 잎 노드 이름이 아니라서 무시했습니다.");
      } else if (x === undefined) {
        note("주소의 '" + shortText(key) + "=" + shortText(raw) + "'는 숫자가 아니라서 무시했습니다.");
      } else {
        leafValues[keys.get(key)] = x;
      }
    });
    inputNote = notes.join(" ") + (skipped ? " (그 밖에도 " + skipped + "개를 무시했습니다.)" : "");
    calc = forward();
    if (wantedView && wantedView !== view) {
      if (Array.isArray(wantedView)) {
        drill = { s: wantedView[3] ? Number(wantedView[3]) - 1 : 0, l: Number(wantedView[1]) - 1,
                  j: Number(wantedView[2]) - 1, back: 0 };
        buildNeuron(drill.s, drill.l, drill.j);
        showView("neuron");
      } else {
        drill = null;
        showView(wantedView);
      }
    }
    if (wanted !== null) step = Math.max(0, Math.min(totalSteps(), wanted));
  }

  // ------------------------------------------------------------ 단추, 키, 끌기, 밀기
  if (viewButton) viewButton.addEventListener("click", toggleView);
  backButton.addEventListener("click", leaveNeuron);
  zoomButton.addEventListener("click", function () {
    zoom.fit = !zoom.fit;
    applyZoom();
    render();
  });
  // 신경망 그림의 뉴런을 누르면(또는 Enter) 그 뉴런 안으로, 손실을 누르면 모든 노드 보기의 손실로
  graphBox.addEventListener("click", function (e) {
    if (view === "sequence" && e.target.closest && e.target.closest("g.mgk-stage")) { // 그 단계로
      var k = Number(e.target.closest("g.mgk-stage").getAttribute("data-stage"));
      var back = seqSteps[step].dir === "b";
      go(seqSteps.findIndex(function (st) { return st.kind === "stage" && st.k === k && st.dir === (back ? "b" : "f"); }));
      return;
    }
    if (view !== "network" || !e.target.closest) return;
    var g = e.target.closest("g.mgk-unit");
    if (!g) return;
    if (g.classList.contains("mgk-neuron")) {
      enterNeuron(netSample, Number(g.getAttribute("data-l")) - 1, Number(g.getAttribute("data-j")) - 1);
    } else if (g.classList.contains("mgk-loss")) {
      var t = step;
      showView("full");
      step = Math.max(N, scalarStepOf(t));
      render();
    }
  });
  graphBox.addEventListener("keydown", function (e) {
    if ((e.key === "Enter" || e.key === " ") && e.target.closest && e.target.closest("g.mgk-unit")) {
      e.preventDefault();
      e.target.dispatchEvent(new MouseEvent("click", { bubbles: true }));
    }
  });
  buttons.first.addEventListener("click", function () { go(0); });
  buttons.prev.addEventListener("click", function () { go(step - 1); });
  buttons.next.addEventListener("click", function () { go(step + 1); });
  buttons.last.addEventListener("click", function () { go(totalSteps()); });
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
    var moves = { ArrowRight: step + 1, ArrowLeft: step - 1, Home: 0, End: totalSteps() };
    if (!(e.key in moves)) return;
    e.preventDefault();
    go(moves[e.key]);
  }
  // 그림의 잎을 좌우로 끌어 값 바꾸기 (마우스와 터치): 한 픽셀에 밀기 막대의 한 눈금
  function sliderOf(i) { // 접어 둔 묶음의 잎이면 그 묶음의 칸을 먼저 만든다
    if (!sliders[i]) leafGroups.forEach(function (g) { if (g.fill && g.items.indexOf(i) >= 0) g.fill(); });
    return sliders[i];
  }
  function addDragging() {
    nodeGroups.forEach(function (ng) {
      if (nodes[ng.i].op || ng.el.getAttribute("data-output") === "1") return;
      ng.el.classList.add("mgk-draggable");
      ng.el.addEventListener("pointerdown", function (e) {
        var slider = sliderOf(ng.i);
        if (!slider || slider.disabled) return;
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
  }
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

  // ------------------------------------------------------------ 시작
  calc = forward();
  showView(view);
  fitGraphBox(); // 단추의 글이 정해진 뒤에 (단추 줄의 높이가 정해진 뒤)
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
    // 노트북: 탐험기가 여럿일 수 있으니 키는 초점이 이 탐험기 안에 있을 때만 받는다. 다만 초점이
    // 문서 본문(body)으로 빠지면 — 초점을 가진 단추가 막히면 브라우저가 한 박자 뒤에 초점을 거둔다 —
    // 마지막으로 누른 탐험기가 받는다 (키가 어느 탐험기에도 가지 않는 일이 없게).
    root.tabIndex = 0;
    root.addEventListener("keydown", onKey);
    root.addEventListener("pointerdown", function () {
      document.documentElement.setAttribute("data-mgk-last", root.id);
    });
    document.addEventListener("keydown", function (e) {
      if (e.target !== document.body && e.target !== document.documentElement) return;
      if (document.documentElement.getAttribute("data-mgk-last") === root.id) onKey(e);
    });
  }
  recompute();
}
