package dev.gerbang.audit;

import dev.gerbang.Feature;
import dev.gerbang.audit.impl.AuditServiceImpl;
import dev.gerbang.db.ServiceRegistry;

/** The audit trail's store; admins read it through the admin feature. */
public final class AuditFeature implements Feature {
  @Override
  public void bind(ServiceRegistry services) {
    services.register(AuditService.class, AuditService.ADDRESS, new AuditServiceImpl(services.database()));
  }
}
