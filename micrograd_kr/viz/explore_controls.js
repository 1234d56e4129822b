  // 역전파 탐험기의 한 조각 — 한 걸음 학습, 주소 조각, 단추·키·끌기·밀기.
  // explore.py 가 explore.js 부터 차례로 이어 붙여 함수 하나로 만듭니다.
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
