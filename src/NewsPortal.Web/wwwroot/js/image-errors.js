// An image that fails to load (gone at its origin, refused by the image proxy) takes its figure with
// it: a caption left on its own would read as the 图片说明 of a photo the page never had. A list
// thumbnail just goes. Loaded in the head without defer, so the listener is there before any image
// is parsed and no failure comes too early to be seen.
addEventListener("error", function (e) {
  var img = e.target;
  if (img instanceof HTMLImageElement) (img.closest("figure") || img).remove();
}, true);
