// The trainer's tools on the page: raised-hands queue (in order of raising),
// questions queue, spotlight (one tile big for everyone). The server decides who
// may mark, lower, mute or spotlight; the buttons only show for the host.
const el = (tag, className, text) => {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
};

function button(label, ariaLabel, onClick) {
  const node = el("button", "btn btn-small btn-secondary", label);
  node.type = "button";
  node.setAttribute("aria-label", ariaLabel);
  node.addEventListener("click", onClick);
  return node;
}

// Everyone with a hand up, me included, oldest raise first.
export function handQueue(state) {
  const hands = [];
  if (state.inCall && state.media.hand && state.me) {
    hands.push({ peerId: state.me.peer_id, name: state.me.name, at: state.handAt || "" });
  }
  for (const [peerId, remote] of state.remotes) {
    if (remote.info.media?.hand) hands.push({ peerId, name: remote.info.name, at: remote.info.hand_at || "" });
  }
  return hands.sort((a, b) => a.at.localeCompare(b.at));
}

export function renderHands(list, count, hands, S, isHost, onLower) {
  count.textContent = String(hands.length);
  if (!hands.length) {
    list.replaceChildren(el("li", "muted small", S.noHands));
    return;
  }
  list.replaceChildren(...hands.map((hand) => {
    const item = el("li", "person");
    item.dataset.peer = hand.peerId;
    item.append(el("span", "person-name", hand.name));
    if (isHost) item.append(button(S.lowerHandOf, `${S.lowerHandOf} : ${hand.name}`, () => onLower(hand.peerId)));
    return item;
  }));
}

export class Questions {
  constructor({ list, count, S, isHost, onAnswered }) {
    Object.assign(this, { list, count, S, isHost, onAnswered });
    this.byId = new Map();
  }

  reset(questions) {
    this.byId = new Map(questions.map((q) => [q.id, q]));
    this.render();
  }

  upsert(question) {
    this.byId.set(question.id, question);
    this.render();
  }

  render() {
    const { S } = this;
    const questions = [...this.byId.values()].sort(
      (a, b) => Number(a.answered) - Number(b.answered) || a.at.localeCompare(b.at),
    );
    this.count.textContent = String(questions.filter((q) => !q.answered).length);
    if (!questions.length) {
      this.list.replaceChildren(el("li", "muted small", S.noQuestions));
      return;
    }
    this.list.replaceChildren(...questions.map((q) => {
      const item = el("li", q.answered ? "answered" : "");
      item.dataset.id = String(q.id);
      item.append(el("strong", "", q.name), el("span", "question-text", q.text));
      if (q.answered) item.append(el("span", "badge", S.answered));
      else if (this.isHost) item.append(button(S.markAnswered, `${S.markAnswered} : ${q.text.slice(0, 60)}`, () => this.onAnswered(q.id)));
      return item;
    }));
  }
}

export function applySpotlight(grid, peerId, localPeerId) {
  const target = peerId && peerId === localPeerId ? "local" : peerId;
  let found = false;
  grid.querySelectorAll(".tile").forEach((tile) => {
    const on = Boolean(target) && tile.dataset.peer === target;
    tile.classList.toggle("spotlight", on);
    found ||= on;
  });
  grid.classList.toggle("has-spotlight", found);
}
