  // 역전파 탐험기의 한 조각 — 화면 만들기: 단추, 설명 칸, 잎 값 칸과 밀기 막대.
  // explore.py 가 explore.js 부터 차례로 이어 붙여 함수 하나로 만듭니다.
  // ------------------------------------------------------------ 화면 만들기
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function button(cls, text) { var b = el("button", cls, text); b.type = "button"; return b; }
  var graphBox = root.querySelector(".mgk-graph");
  // 보기: "network" (신경망: 층과 뉴런), "full" (모든 노드의 스칼라 그림), "neuron" (뉴런 하나 안)
  // "sequence" (위치 보기: 위치마다 단계, 작은 GPT)
  var view = cfg.view === "network" && net ? "network" : cfg.view === "sequence" && seq ? "sequence" : "full";
  var heading = el("h2", "", "역전파 탐험기 — " + cfg.title);
  var controls = el("div", "mgk-controls");
  var buttons = {};
  [["first", "처음"], ["prev", "이전"], ["next", "다음"], ["last", "끝"]].forEach(function (b) {
    buttons[b[0]] = button("mgk-" + b[0], b[1]);
    controls.appendChild(buttons[b[0]]);
  });
  var backButton = button("mgk-back", "← 신경망으로");
  backButton.hidden = true;
  var viewButton = null;
  if (net || (seq && cfg.full)) {
    viewButton = button("mgk-view", "");
    controls.appendChild(viewButton);
  }
  if (net) controls.appendChild(backButton);
  var zoomButton = button("mgk-zoom", "");
  controls.appendChild(zoomButton);
  var counter = el("span", "mgk-counter");
  counter.setAttribute("aria-live", "polite");
  controls.appendChild(counter);
  var touch = window.matchMedia && window.matchMedia("(pointer: coarse)").matches;
  controls.appendChild(el("span", "mgk-hint", touch ? "설명 글을 왼쪽·오른쪽으로 밀어서도 넘깁니다" :
    cfg.standalone ? "← → 키로도 넘깁니다" : "그림을 한 번 누르면 ← → 키로도 넘깁니다"));
  // 그림 칸과 설명 칸은 한 무대(stage)에: 넓은 화면에서는 나란히, 좁은 화면에서는 설명이 위에.
  // 두 칸의 크기는 창 크기가 바뀔 때만 정해지므로 걸음을 넘겨도 그림 칸은 움직이지 않는다.
  var stage = el("div", "mgk-stage");
  var frame = el("div", "mgk-frame"); // 그림 칸과 그 위에 겹친 전체 지도(minimap)
  var panel = el("div", "mgk-panel");
  var textBox = el("div", "mgk-text");
  textBox.setAttribute("aria-live", "polite");
  var errorBox = el("div", "mgk-error");
  errorBox.setAttribute("role", "alert");
  panel.appendChild(textBox);
  panel.appendChild(errorBox);

  // 한 걸음 학습: 매개변수가 있는 그래프에서만 (출력 = 손실)
  var learnBar = null, learnButton = null, lrInput = null, learnOut = null, learnReset = null;
  if (params.length) {
    learnBar = el("div", "mgk-learn");
    learnButton = button("mgk-learn-step", "한 걸음 학습");
    var lrLabel = el("label", "", "학습률(lr) ");
    lrInput = el("input");
    lrInput.type = "text"; lrInput.inputMode = "decimal"; lrInput.value = String(lr);
    lrInput.setAttribute("aria-label", "학습률(learning rate)");
    lrInput.className = "mgk-lr";
    lrLabel.appendChild(lrInput);
    learnReset = button("mgk-learn-reset", "학습 전으로");
    learnOut = el("span", "mgk-learn-out");
    learnOut.setAttribute("aria-live", "polite");
    learnBar.appendChild(el("span", "mgk-learn-title", "경사 하강법(gradient descent): 매개변수 " +
      params.length + "개를 p ← p − lr × 기울기 로 한 번 움직입니다."));
    learnBar.appendChild(learnButton);
    learnBar.appendChild(lrLabel);
    learnBar.appendChild(learnReset);
    learnBar.appendChild(learnOut);
  }

  var fields = el("fieldset");
  fields.appendChild(el("legend", "", "값 바꿔 보기 (what-if): 잎(leaf) 노드의 값을 바꾸면 모든 값과 기울기를 다시 계산합니다 (그림의 잎을 좌우로 끌어도 됩니다)"));
  var leafBox = el("div", "mgk-leaves");
  fields.appendChild(leafBox);
  var reset = button("mgk-reset", "처음 값으로");
  fields.appendChild(reset);
  var inputs = {}, sliders = {}, leafLabels = {};
  function fitInput(input) { // 긴 숫자(0.14285714285714285)도 잘리지 않게 글자 수만큼
    input.style.width = Math.max(7, input.value.length + 2) + "ch";
  }
  function sliderRange(slider, x) { // x 를 가운데 두는 범위와 알맞은 눈금
    if (!Number.isFinite(x)) { slider.disabled = true; return; }
    slider.disabled = false;
    var span = Math.max(1, Math.abs(x));
    var unit = Math.pow(10, Math.floor(Math.log10(span))) / 100;
    slider.min = String(x - span); slider.max = String(x + span);
    slider.step = String(unit);
    slider.value = String(x);
  }
  function leafField(i) { // 잎 하나의 글 칸과 밀기 막대
    var n = nodes[i];
    var label = el("label");
    label.appendChild(el("span", "mgk-leaf-name", nameOf(i) + (n.param ? " (매개변수)" : "")));
    var input = el("input");
    input.type = "text";
    input.inputMode = "decimal";
    input.setAttribute("data-key", n.key);
    input.setAttribute("aria-label", nameOf(i) + "의 값");
    input.value = String(leafValues[i]);
    fitInput(input);
    var slider = el("input");
    slider.type = "range";
    slider.setAttribute("data-key", n.key);
    slider.setAttribute("aria-label", nameOf(i) + "의 값 (밀어서 바꾸기)");
    sliderRange(slider, leafValues[i]);
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
      fitInput(input);
      leafValues[i] = x;
      if (!(x >= Number(slider.min) && x <= Number(slider.max))) sliderRange(slider, x);
      else slider.value = String(x);
      recompute();
    });
    slider.addEventListener("input", function () {
      var x = Number(slider.value);
      leafValues[i] = x;
      input.removeAttribute("aria-invalid");
      inputNote = "";
      input.value = String(x);
      recompute();
    });
    inputs[i] = input;
    sliders[i] = slider;
    leafLabels[i] = label;
    label.appendChild(input);
    label.appendChild(slider);
    return label;
  }
  // 잎 칸의 묶음: 신경망이면 입력, 층마다 매개변수, 정답과 상수. 큰 묶음은 접어 두고 열 때 만든다.
  var leafGroups = [];
  (function () {
    var leaves = [];
    nodes.forEach(function (n, i) { if (!n.op) leaves.push(i); });
    if (seq && !net) {
      var ps = leaves.filter(function (i) { return nodes[i].param; });
      leafGroups.push({ title: "매개변수", items: ps });
      leafGroups.push({ title: "상수", items: leaves.filter(function (i) { return !nodes[i].param; }) });
      leafGroups = leafGroups.filter(function (g) { return g.items.length; });
      return;
    }
    if (!net) { leafGroups.push({ title: "", items: leaves }); return; }
    var layerOf = {};
    net.params.forEach(function (layer, l) {
      layer.forEach(function (p) { p[0].forEach(function (w) { layerOf[w] = l; }); layerOf[p[1]] = l; });
    });
    var isInput = {};
    net.samples.forEach(function (smp) { smp.x.forEach(function (x) { isInput[x] = true; }); });
    var groups = [{ title: "입력", items: [] }];
    net.sizes.forEach(function (size, l) {
      groups.push({ title: layerName(l) + "의 매개변수 w[" + (l + 1) + "][·], b[" + (l + 1) + "][·]", items: [] });
    });
    var rest = { title: "정답과 상수", items: [] };
    leaves.forEach(function (i) {
      if (layerOf[i] !== undefined) groups[layerOf[i] + 1].items.push(i);
      else if (isInput[i]) groups[0].items.push(i);
      else rest.items.push(i);
    });
    groups.push(rest);
    groups.forEach(function (g) { // 매개변수는 자리 순서: w[l][1,1], w[l][1,2], ..., b[l][1], w[l][2,1], ...
      if (g !== groups[0] && g !== rest) g.items.sort(function (a, b) { return paramOrder(a) - paramOrder(b); });
      if (g.items.length) leafGroups.push(g);
    });
    function paramOrder(i) {
      var m = /^[wb]\[(\d+)\]\[(\d+)(?:,(\d+))?\]$/.exec(nodes[i].param || "");
      return m ? Number(m[2]) * 10000 + (m[3] ? Number(m[3]) : 9999) : i;
    }
  })();
  leafGroups.forEach(function (g) {
    var box = g.title ? el("details", "mgk-leaf-group") : leafBox;
    if (g.title) {
      box.appendChild(el("summary", "", g.title + " (" + g.items.length + "개)"));
      var inner = el("div", "mgk-leaves");
      box.appendChild(inner);
      var fill = function () {
        if (inner.firstChild) return;
        g.items.forEach(function (i) { inner.appendChild(leafField(i)); });
      };
      box.firstChild.addEventListener("click", fill); // 펼치기 전에 칸을 만든다 (toggle 은 한 박자 뒤)
      box.addEventListener("toggle", function () { if (box.open) { fill(); render(); } });
      if (g.items.length <= 12) { box.open = true; fill(); }
      g.fill = fill;
      leafBox.appendChild(box);
    } else {
      g.items.forEach(function (i) { leafBox.appendChild(leafField(i)); });
    }
    g.box = box;
  });
  var inputNote = "";
  root.insertBefore(heading, graphBox);
  root.insertBefore(controls, graphBox);
  root.insertBefore(stage, graphBox);
  frame.appendChild(graphBox);
  stage.appendChild(frame);
  stage.appendChild(panel);
  if (learnBar) root.appendChild(learnBar);
  root.appendChild(fields);
