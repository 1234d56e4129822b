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
  var svgs = Array.prototype.slice.call(graphBox.querySelectorAll("svg"));
  // 모델이면 그림이 둘: 모두 펼친 그림(full)과 뉴런마다 매개변수를 접은 그림(folded)
  var view = svgs.length > 1 ? "folded" : "full";
  var heading = el("h2", "", "역전파 탐험기 — " + cfg.title);
  var controls = el("div", "mgk-controls");
  var buttons = {};
  [["first", "처음"], ["prev", "이전"], ["next", "다음"], ["last", "끝"]].forEach(function (b) {
    buttons[b[0]] = button("mgk-" + b[0], b[1]);
    controls.appendChild(buttons[b[0]]);
  });
  var viewButton = null;
  if (svgs.length > 1) {
    viewButton = button("mgk-view", "");
    controls.appendChild(viewButton);
  }
  var counter = el("span", "mgk-counter");
  counter.setAttribute("aria-live", "polite");
  controls.appendChild(counter);
  var touch = window.matchMedia && window.matchMedia("(pointer: coarse)").matches;
  controls.appendChild(el("span", "mgk-hint", touch ? "설명 글을 왼쪽·오른쪽으로 밀어서도 넘깁니다" :
    cfg.standalone ? "← → 키로도 넘깁니다" : "그림을 한 번 누르면 ← → 키로도 넘깁니다"));
  // 설명 글과 오류는 높이가 정해진 한 칸 안에: 글이 길어져도 그림이 밀리지 않는다
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
  // 잎 상자들은 그래프 순서(위상 정렬)로: 매개변수 w[1][1,1], w[1][1,2], ... 도 자리 순서대로
  nodes.forEach(function (n, i) {
    if (n.op) return;
    var label = el("label");
    label.appendChild(el("span", "mgk-leaf-name", nameOf(i) + (n.param ? " (매개변수)" : "")));
    var input = el("input");
    input.type = "text";
    input.inputMode = "decimal";
    input.setAttribute("data-key", n.key);
    input.setAttribute("aria-label", nameOf(i) + "의 값");
    input.value = String(original[i]);
    fitInput(input);
    var slider = el("input");
    slider.type = "range";
    slider.setAttribute("data-key", n.key);
    slider.setAttribute("aria-label", nameOf(i) + "의 값 (밀어서 바꾸기)");
    sliderRange(slider, original[i]);
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
    leafBox.appendChild(label);
  });
  var inputNote = "";
  root.insertBefore(heading, graphBox);
  root.insertBefore(controls, graphBox);
  root.insertBefore(panel, graphBox);
  if (learnBar) root.appendChild(learnBar);
  root.appendChild(fields);
