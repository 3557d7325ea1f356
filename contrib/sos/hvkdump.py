# SPDX-License-Identifier: GPL-2.0-or-later
# A sos plugin: adds hvkdump's answer (will kdump save a vmcore on this
# Hyper-V/Azure VM, and why) to sos reports, as text and as JSON. sos loads
# plugins from its own package only: install this file as
# sos/report/plugins/hvkdump.py beside sos's (Debian and Ubuntu:
# /usr/lib/python3/dist-packages/sos/report/plugins/; RHEL, Fedora and SUSE:
# /usr/lib/python3.*/site-packages/sos/report/plugins/). It runs when the
# hvkdump command is installed, or with `sos report -o hvkdump`.
from sos.report.plugins import (Plugin, IndependentPlugin, RedHatPlugin, DebianPlugin,
                                UbuntuPlugin, SuSEPlugin)


# Each distribution's class named: a policy loads only the plugins of its own
# classes (sos 4.0's Debian policy accepts DebianPlugin alone, not IndependentPlugin).
class Hvkdump(Plugin, IndependentPlugin, RedHatPlugin, DebianPlugin, UbuntuPlugin, SuSEPlugin):

    short_desc = 'kdump on Hyper-V and Azure (hvkdump)'

    plugin_name = 'hvkdump'
    profiles = ('system', 'debug', 'virt')
    commands = ('hvkdump',)

    def setup(self):
        # check only reads; it never loads, restarts or writes anything
        self.add_cmd_output('hvkdump check --json', suggest_filename='hvkdump-check.json')
        self.add_cmd_output('hvkdump check -v', suggest_filename='hvkdump-check')
