// Copy buttons for remediation commands. The report reads fine without this script: the buttons
// only exist when it runs, and the commands are plain text either way.
(function () {
  function copy(text, button) {
    function done(ok) {
      button.textContent = ok ? 'Copied' : 'Select and copy';
      setTimeout(function () { button.textContent = 'Copy'; }, 1500);
    }
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(text).then(function () { done(true); }, function () { done(false); });
    } else {
      done(false);
    }
  }
  var blocks = document.querySelectorAll('pre.cmd');
  for (var i = 0; i < blocks.length; i++) {
    (function (pre) {
      var button = document.createElement('button');
      button.type = 'button';
      button.className = 'copy';
      button.textContent = 'Copy';
      button.addEventListener('click', function () { copy(pre.textContent, button); });
      pre.parentNode.insertBefore(button, pre);
    })(blocks[i]);
  }
})();
