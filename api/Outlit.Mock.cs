// The public API of Outlit.Mock, written from the built assembly by `outlit-drift api`.
// Do not edit: a change here is a change of what users can call (see api/README.md).
