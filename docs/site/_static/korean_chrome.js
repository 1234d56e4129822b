// 그림(노트북의 출력 그림)을 누르면 원래 크기로 새 창에: 좁은 본문에서 줄어 읽기 어려운 글자를 위해
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll(".cell_output img").forEach(function (img) {
    if (img.closest("a")) return;
    var link = document.createElement("a");
    link.href = img.src;
    link.target = "_blank";
    link.rel = "noopener";
    link.title = "누르면 원래 크기로 엽니다";
    img.classList.add("mgk-zoom");
    img.parentNode.insertBefore(link, img);
    link.appendChild(img);
  });
});
