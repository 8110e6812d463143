# Run by `cmake --install` and by cpack (install(SCRIPT)): puts the shell completions where each
# shell looks for the prefix being installed to, which is only known now (`--prefix`, cpack's
# staging folder). PILOT_COMPLETIONS_DIR is set by an install(CODE) just before.
#
#   prefix /usr (a distribution package;      other prefixes (/usr/local, /opt/pilot, ...)
#   also a packager's staging .../usr)
#   bash  share/bash-completion/completions/pilot   the same, under the prefix: bash-completion
#                                                    reads XDG_DATA_DIRS, by default
#                                                    /usr/local/share:/usr/share
#   zsh   share/zsh/vendor-completions/_pilot       share/zsh/site-functions/_pilot: Debian's zsh
#         (Debian's place for packages)              has /usr/local/share/zsh/site-functions in
#                                                    its $fpath
#   fish  share/fish/vendor_completions.d/pilot.fish  the same, under the prefix: fish 3.6 reads
#                                                    $dir/fish/vendor_completions.d for every dir
#                                                    of XDG_DATA_DIRS (desktop sessions list
#                                                    /usr/local/share), else only /usr/share's
if(CMAKE_INSTALL_PREFIX MATCHES "(^|/)usr/?$")
  set(_pilot_zsh_dir share/zsh/vendor-completions)
else()
  set(_pilot_zsh_dir share/zsh/site-functions)
endif()
file(INSTALL DESTINATION "${CMAKE_INSTALL_PREFIX}/share/bash-completion/completions" TYPE FILE
     FILES "${PILOT_COMPLETIONS_DIR}/pilot.bash" RENAME pilot)
file(INSTALL DESTINATION "${CMAKE_INSTALL_PREFIX}/${_pilot_zsh_dir}" TYPE FILE
     FILES "${PILOT_COMPLETIONS_DIR}/_pilot")
file(INSTALL DESTINATION "${CMAKE_INSTALL_PREFIX}/share/fish/vendor_completions.d" TYPE FILE
     FILES "${PILOT_COMPLETIONS_DIR}/pilot.fish")
