// The looplab_translations library holds only resources (the .qm files under :/i18n); a
// static library needs one source of its own. engine/Translations loads them.
