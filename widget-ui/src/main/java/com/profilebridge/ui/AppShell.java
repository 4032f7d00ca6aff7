package com.profilebridge.ui;

import com.vaadin.flow.component.dependency.StyleSheet;
import com.vaadin.flow.component.page.AppShellConfigurator;
import com.vaadin.flow.theme.lumo.Lumo;

/** The Vaadin application shell: Lumo theme and the page title. */
@StyleSheet(Lumo.STYLESHEET)
@StyleSheet("context://styles/profile-bridge.css")
public class AppShell implements AppShellConfigurator {}
