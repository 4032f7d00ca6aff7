package com.profilebridge.ui.demo;

import com.vaadin.flow.router.RouteConfiguration;
import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinServiceInitListener;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * The demo desktop exists in the demo profile only: without this bean (every other profile) there
 * is no route at {@code /}, so no anonymous page can place calls or post outcomes.
 */
@Component
@Profile("demo")
class DemoRoutes implements VaadinServiceInitListener {

    @Override
    public void serviceInit(ServiceInitEvent event) {
        RouteConfiguration.forApplicationScope().setRoute("", DemoDesktopView.class);
    }
}
